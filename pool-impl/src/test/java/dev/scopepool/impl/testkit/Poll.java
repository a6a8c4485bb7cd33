package dev.scopepool.impl.testkit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded polling: waits for a condition, failing the test after 10 seconds. */
public final class Poll {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Poll() {
    }

    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10s waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    public static <V> void until(String what, Supplier<V> value, java.util.function.Predicate<V> test) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        V last;
        while (!test.test(last = value.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10s waiting until " + what + "; last: " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
