// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a comparison was asked for on its command line.
 *
 * @param smoke {@code --smoke}: every benchmark in-process, briefly, to prove it runs
 * @param out {@code --out FILE}: where the report is also written, or null
 * @param sections {@code --only NAME[,NAME…]} (repeatable): the sections to run; every one without it
 */
record ComparisonOptions(boolean smoke, Path out, Set<SectionName> sections) {

    static final String USAGE = "usage: PeerComparison [--smoke] [--out FILE] [--only SECTION[,SECTION...]]";

    /** @throws IllegalArgumentException naming the argument that is wrong, and why */
    static ComparisonOptions parse(String... args) {
        boolean smoke = false;
        Path out = null;
        Set<SectionName> only = EnumSet.noneOf(SectionName.class);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--only" -> {
                    for (String name : value(args, ++i, "--only").split(",")) {
                        only.add(SectionName.of(name.trim()));
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new ComparisonOptions(smoke, out,
                Collections.unmodifiableSet(only.isEmpty() ? EnumSet.allOf(SectionName.class) : only));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
