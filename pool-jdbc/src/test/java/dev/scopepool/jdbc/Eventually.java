// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

/** Bounded polling for what happens in the background (a refill, a server ending a session). */
final class Eventually {

    interface Condition {
        boolean holds() throws Exception;
    }

    private Eventually() {
    }

    static void await(Duration limit, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + limit.toMillis() + " ms: " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(5);   // polling interval of a bounded wait, not a synchronisation
        }
    }
}
