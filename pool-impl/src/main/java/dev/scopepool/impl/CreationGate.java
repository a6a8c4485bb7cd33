// SPDX-License-Identifier: Apache-2.0
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

    /** @return a permit free now ({@link #UNLIMITED} without a budget), or null when none is */
    Permit tryTake() throws InterruptedException {
        return permits == null ? UNLIMITED : permits.take(Duration.ZERO);
    }

    /**
     * Waits for a permit, after {@link #tryTake()} found none; counted as a permit wait.
     *
     * @param waitNanos how long to wait at most
     * @return the permit, or null when none came in time
     */
    Permit await(long waitNanos) throws InterruptedException {
        waits.increment();
        return waitNanos <= 0 ? null : permits.take(Duration.ofNanos(waitNanos));
    }
}
