// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.testkit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded polling, for conditions the engine reaches in the background: reads every
 * millisecond until the condition holds or the limit passes, never longer. The {@code until}
 * forms fail the test after 10 seconds; the others report and let the caller decide.
 */
public final class Poll {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Poll() {
    }

    /** Waits until the condition holds; fails the test after 10 seconds. */
    public static void until(String what, BooleanSupplier condition) {
        if (!within(LIMIT_NANOS, condition)) {
            throw new AssertionError("timed out after 10s waiting until " + what);
        }
    }

    /** Waits until {@code test} accepts the value; fails the test after 10 seconds, showing the last value. */
    public static <V> void until(String what, Supplier<V> value, Predicate<V> test) {
        V last = lastValue(LIMIT_NANOS, value, test);
        if (!test.test(last)) {
            throw new AssertionError("timed out after 10s waiting until " + what + "; last: " + last);
        }
    }

    /** @return whether the condition held within the limit */
    public static boolean within(long limitNanos, BooleanSupplier condition) {
        return lastValue(limitNanos, condition::getAsBoolean, held -> held);
    }

    /**
     * Reads the value until {@code done} accepts it or the limit passes.
     *
     * @return the last value read: accepted, or the one seen when time ran out
     */
    public static <V> V lastValue(long limitNanos, Supplier<V> value, Predicate<? super V> done) {
        long deadline = System.nanoTime() + limitNanos;
        for (;;) {
            V v = value.get();
            if (done.test(v) || System.nanoTime() - deadline > 0) {
                return v;
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
    }
}
