// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.Arrays;

/** The comparison's sections, in the order they run and print, by the names {@code --only} takes. */
enum SectionName {
    PAIR("pair"),
    HOLD("hold"),
    JDBC_CYCLES("jdbc"),
    VIRTUAL_THREADS("virtual-threads"),
    JDBC_VIRTUAL_THREADS("jdbc-virtual-threads"),
    POSTGRES("postgres");

    final String key;

    SectionName(String key) {
        this.key = key;
    }

    static SectionName of(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown section '" + key + "', expected one of "
                        + Arrays.stream(values()).map(s -> s.key).toList()));
    }
}
