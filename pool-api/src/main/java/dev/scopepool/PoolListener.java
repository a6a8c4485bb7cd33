// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * Hears about a pool's notable events, for monitoring (JMX notifications and CDI events
 * are built on it). Register with {@link PoolConfig.Builder#listener(PoolListener)} when the
 * pool is built, or with {@link ResourcePool#addListener(PoolListener)} while it runs.
 *
 * <p>Methods are called on the thread where the event happened, never while the pool holds
 * a lock and never on the acquire/release fast path. They must return quickly and must not
 * call back into the pool in a blocking way; an exception they throw is logged and ignored.
 */
public interface PoolListener {

    /**
     * A health check found a resource unhealthy; the resource is (or will be, when a hung
     * check returns) destroyed.
     *
     * @param pool the pool's name
     * @param message the result's message, else the exception's {@code toString()}, else
     *        {@code health check timed out after <N>ms}
     */
    default void healthCheckFailed(String pool, String message) {
    }

    /**
     * An acquire timed out.
     *
     * @param pool the pool's name
     * @param timeoutMillis the caller's timeout
     */
    default void acquireTimedOut(String pool, long timeoutMillis) {
    }

    /**
     * The pool's bounds changed.
     *
     * @param pool the pool's name
     * @param min the new minimum
     * @param max the new maximum
     */
    default void resized(String pool, int min, int max) {
    }

    /**
     * The pool finished closing.
     *
     * @param pool the pool's name
     */
    default void closed(String pool) {
    }

    /**
     * The pool went down: creations failed so many times in a row that acquirers that find no
     * idle resource now fail at once, while one probe creation at a time retries.
     *
     * @param pool the pool's name
     * @param cause the last creation failure
     */
    default void down(String pool, Throwable cause) {
    }

    /**
     * The pool is up again: a creation succeeded after it went down.
     *
     * @param pool the pool's name
     */
    default void up(String pool) {
    }

    /**
     * An acquire was refused at once because the most callers allowed were already waiting.
     *
     * @param pool the pool's name
     */
    default void rejected(String pool) {
    }

    /**
     * An acquire that found no idle resource and had to wait has ended, served or not. Not
     * called for acquires served at once, so the fast path stays free of listener calls.
     *
     * @param pool the pool's name
     * @param waitNanos how long the caller waited, in nanoseconds
     * @param served whether the caller got a resource (false: it timed out, was interrupted,
     *        or the pool closed or went down)
     */
    default void acquireWaited(String pool, long waitNanos, boolean served) {
    }

    /**
     * A call of the pool's {@code create} has ended, or was given up because it ran past the
     * create timeout.
     *
     * @param pool the pool's name
     * @param durationNanos how long the creation ran (up to the moment it was given up), in
     *        nanoseconds
     * @param failure what the creation threw, or the {@link java.util.concurrent.TimeoutException}
     *        of a creation given up; {@code null} when a resource was created
     */
    default void creationEnded(String pool, long durationNanos, Throwable failure) {
    }

    /**
     * A listener's place in a running pool, returned by
     * {@link ResourcePool#addListener(PoolListener)}.
     */
    interface Registration extends AutoCloseable {

        /**
         * Removes the listener: it hears no event that starts after this returns (a call
         * already under way on another thread may still finish). Idempotent, never throws.
         */
        @Override
        void close();
    }
}
