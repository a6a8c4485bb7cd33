package dev.scopepool;

/**
 * Hears about a pool's notable events, for monitoring (JMX notifications and CDI events
 * are built on it). Register with {@link PoolConfig.Builder#listener(PoolListener)}.
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
}
