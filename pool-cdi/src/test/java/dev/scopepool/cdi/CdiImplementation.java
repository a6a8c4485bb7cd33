// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.Map;

/**
 * The CDI container this test run uses: the one {@link SeContainerInitializer} finds on the
 * class path. The build runs the suite once per container; what little the tests must say
 * differently to each (how to switch on scanning of jars without {@code beans.xml}) is here.
 */
enum CdiImplementation {

    /** Weld scans only archives with a {@code beans.xml} unless told otherwise. */
    WELD("org.jboss.weld.", Map.of("jakarta.enterprise.inject.scan.implicit", "true")),

    /** OpenWebBeans scans jars without {@code beans.xml} by default, in discovery mode {@code all}. */
    OPENWEBBEANS("org.apache.openwebbeans.", Map.of());

    private final String packagePrefix;
    private final Map<String, Object> implicitScanning;

    CdiImplementation(String packagePrefix, Map<String, Object> implicitScanning) {
        this.packagePrefix = packagePrefix;
        this.implicitScanning = implicitScanning;
    }

    /** The container {@link SeContainerInitializer#newInstance()} boots here. */
    static CdiImplementation current() {
        String initializer = SeContainerInitializer.newInstance().getClass().getName();
        for (CdiImplementation implementation : values()) {
            if (initializer.startsWith(implementation.packagePrefix)) {
                return implementation;
            }
        }
        throw new IllegalStateException("unknown CDI SE container: " + initializer);
    }

    /** @return the initializer properties that make this container scan jars without {@code beans.xml} */
    Map<String, Object> implicitScanning() {
        return implicitScanning;
    }
}
