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
 * created: the caller keeps waiting for a released resource.
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

    /** One taken permit; closing it gives it back. */
    @FunctionalInterface
    interface Permit extends AutoCloseable {

        /** Gives the permit back. Idempotent; never throws. */
        @Override
        void close();
    }
}
