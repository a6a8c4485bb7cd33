// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LenderKindTest {

    @ParameterizedTest
    @EnumSource(LenderKind.class)
    void everyPoolLendsAllItsResourcesThenTimesOutThenLendsAgain(LenderKind kind) throws Exception {
        Lender lender = kind.open(2, Duration.ofMillis(50));
        try {
            Object first = lender.borrow();
            Object second = lender.borrow();
            assertNotNull(first);
            assertNotNull(second);
            assertTrue(first != second, "two loans of the same resource");

            assertNull(lender.borrow(), "a third borrow of two resources must time out");

            lender.giveBack(first);
            assertNotNull(lender.borrow());
        } finally {
            lender.close();
        }
    }

    @Test
    void aPoolIsFoundByTheNameTheBenchmarkParameterUses() {
        assertEquals(LenderKind.STORMPOT_NEVER, LenderKind.of("stormpot-never"));
    }

    @Test
    void anUnknownPoolNameSaysWhichNamesExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LenderKind.of("c3p0"));

        assertTrue(e.getMessage().contains("c3p0") && e.getMessage().contains("hikari-bag"), e.getMessage());
    }
}
