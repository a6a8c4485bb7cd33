// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.spi;

import java.time.Duration;

/**
 * Where a pool takes a permit before each creation, to cap the live resources of several
 * pools (in one JVM or many) that share a budget. Configure with
 * {@link dev.scopepool.PoolConfig.Builder#creationPermits(CreationPermits)}.
 *
 * <p>The pool takes one permit per creation, within the acquiring caller's remaining timeout
 * (a background fill waits in the background), keeps it with the resource and closes it when
 * that resource is destroyed or its creation failed. When no permit comes in time nothing is
 * created: the caller keeps waiting for a released resource. A resource whose permit is no
 * longer {@linkplain Permit#isValid() valid} is retired as soon as it is idle.
 *
 * <p>Implementations must be thread-safe; {@link #take} may be called from several pool
 * threads at once.
 */
public interface CreationPermits {

    /**
     * Takes one permit, waiting at most {@code timeout}.
     *
     * @param timeout the longest to wait; zero means try once
     * @return the permit, or {@code null} when none came in time
     * @throws InterruptedException if interrupted while waiting; no permit is held then
     */
    Permit take(Duration timeout) throws InterruptedException;

    /**
     * @return the most permits that can be out at once across every holder, or -1 when unknown
     *         (shown as the pool's {@code FleetBudget})
     */
    default int limit() {
        return -1;
    }

    /**
     * One taken permit; closing it gives it back.
     *
     * <p>A permit can stop counting against the shared limit while it is held, for instance when
     * the budget's record of it was lost with an expired session and could not be taken again.
     * The pool then retires the resource that holds it as soon as that resource is idle (a lent
     * resource is never taken away), and closes the permit.
     */
    @FunctionalInterface
    interface Permit extends AutoCloseable {

        /**
         * Whether this permit still counts against the shared limit. Once false it stays false;
         * the permit must still be closed. Cheap and non-blocking: the pool may ask often.
         *
         * @return true while the permit is covered (the default: permits that cannot be lost)
         */
        default boolean isValid() {
            return true;
        }

        /** Gives the permit back. Idempotent; never throws. */
        @Override
        void close();
    }
}
