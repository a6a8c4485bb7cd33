// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HoldOutcomeTest {

    @Test
    void fairnessIsTheLeastServedThreadOverTheBestServed() {
        HoldOutcome outcome = outcome(new long[] {300, 1200, 600, 900});

        assertEquals(0.25, outcome.fairness(), 1e-9);
    }

    @Test
    void aStarvedThreadMakesFairnessZero() {
        assertEquals(0.0, outcome(new long[] {0, 500}).fairness());
    }

    @Test
    void whatAForkWritesTheComparisonReadsBack() throws Exception {
        HoldOutcome written = new HoldOutcome(LenderKind.HIKARI_BAG, 2, 4, new long[] {10, 20, 30, 40}, 3,
                new WaitPercentiles(77, 50.0, 990.0, 1999.0, 5e9));
        try {
            written.write();

            HoldOutcome read = HoldOutcome.read(LenderKind.HIKARI_BAG, 2, 4);

            assertArrayEquals(written.loansPerThread(), read.loansPerThread());
            assertEquals(written.timeouts(), read.timeouts());
            assertEquals(written.waits(), read.waits());
        } finally {
            Files.deleteIfExists(HoldOutcome.file(LenderKind.HIKARI_BAG, 2, 4));
        }
    }

    @Test
    void aBenchmarkThatLeftNoOutcomeReadsAsNone() throws Exception {
        assertNull(HoldOutcome.read(LenderKind.COMMONS_POOL2, 3, 7));
    }

    private static HoldOutcome outcome(long[] loans) {
        return new HoldOutcome(LenderKind.SCOPEPOOL, 2, loans.length, loans, 0,
                WaitPercentiles.of(new long[] {1}));
    }
}
