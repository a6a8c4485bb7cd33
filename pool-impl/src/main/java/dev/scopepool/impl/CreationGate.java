package dev.scopepool.impl;

import dev.scopepool.spi.CreationPermits;
import dev.scopepool.spi.CreationPermits.Permit;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a creation takes its permit when the pool shares a budget
 * ({@link dev.scopepool.PoolConfig#creationPermits()}); a pool without one passes freely.
 *
 * <p>Each creation takes one permit before calling the factory. The permit then lives with the
 * resource ({@link Slot#permit}) and is closed after the resource's destroyer ran, or at once
 * when the creation fails, so the budget counts live resources and nothing else. A creation
 * first tries without waiting; only if that fails does it wait (counted in {@link #waits}, the
 * MXBean's {@code PermitWaits}), within its caller's remaining timeout.
 */
final class CreationGate {

    /** The permit of a pool without a budget: nothing to give back. */
    static final Permit UNLIMITED = () -> { };

    private final CreationPermits permits;
    final LongAdder waits = new LongAdder();

    CreationGate(CreationPermits permits) {
        this.permits = permits;
    }

    boolean isLimited() {
        return permits != null;
    }

    /**
     * @param waitNanos how long to wait at most when no permit is free at once
     * @return a permit ({@link #UNLIMITED} without a budget), or null when none came in time
     */
    Permit take(long waitNanos) throws InterruptedException {
        if (permits == null) {
            return UNLIMITED;
        }
        Permit permit = permits.take(Duration.ZERO);
        if (permit != null || waitNanos <= 0) {
            return permit;
        }
        waits.increment();
        return permits.take(Duration.ofNanos(waitNanos));
    }
}
