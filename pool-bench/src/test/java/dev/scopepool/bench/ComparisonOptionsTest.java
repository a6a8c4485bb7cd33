// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonOptionsTest {

    @Test
    void withoutArgumentsEverySectionRunsAndMeasures() {
        ComparisonOptions options = ComparisonOptions.parse();

        assertFalse(options.smoke());
        assertNull(options.out());
        assertEquals(EnumSet.allOf(SectionName.class), options.sections());
    }

    @Test
    void onlyRunsTheNamedSectionsInTheReportsOrder() {
        ComparisonOptions options = ComparisonOptions.parse("--only", "jdbc-virtual-threads,hold");

        assertEquals(List.of(SectionName.HOLD, SectionName.JDBC_VIRTUAL_THREADS), List.copyOf(options.sections()));
    }

    @Test
    void onlyMayBeRepeatedAndCombinedWithSmokeAndOut() {
        ComparisonOptions options = ComparisonOptions.parse("--only", "hold", "--smoke", "--out", "r.md",
                "--only", "jdbc");

        assertTrue(options.smoke());
        assertEquals(Path.of("r.md"), options.out());
        assertEquals(EnumSet.of(SectionName.HOLD, SectionName.JDBC_CYCLES), options.sections());
    }

    @Test
    void anUnknownSectionSaysWhichSectionsExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ComparisonOptions.parse("--only", "virtual-thread"));

        assertTrue(e.getMessage().contains("virtual-thread'") && e.getMessage().contains("jdbc-virtual-threads"),
                e.getMessage());
    }

    @Test
    void anOptionWithoutItsValueOrAnUnknownOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ComparisonOptions.parse("--out"));
        assertThrows(IllegalArgumentException.class, () -> ComparisonOptions.parse("--only"));
        assertThrows(IllegalArgumentException.class, () -> ComparisonOptions.parse("--fast"));
    }
}
