// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

/** Waits for a condition by polling, never longer than a bound: pool threads act asynchronously. */
final class BoundedPoll {

    /** A check that may call the console and so may fail with an exception. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private BoundedPoll() {
    }

    /**
     * @param what what is awaited, for the failure message
     * @param seconds the bound
     * @param condition polled every 20 ms
     * @throws AssertionError if the condition does not hold within the bound
     */
    static void await(String what, long seconds, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                fail("Not within " + seconds + " s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
