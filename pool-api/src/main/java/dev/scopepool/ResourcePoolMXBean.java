package dev.scopepool;

/**
 * The management interface of a pool, registered as
 * {@code dev.scopepool:type=ResourcePool,name=<name>} on the platform MBeanServer while the
 * pool is open (unless configured with {@code jmx(false)}). JConsole, VisualVM and Jolokia
 * read and drive it.
 *
 * <p>Gauges and counters have the meaning of the {@link PoolStats} component of the same name.
 * Invalid input (for example {@code resize(5, 2)} or {@code Max = 0}) fails that call with an
 * {@link IllegalArgumentException} whose message says what was wrong; the pool is unchanged.
 * The MBean also emits notifications of types {@link #HEALTH_CHECK_FAILED},
 * {@link #ACQUIRE_TIMEOUT} and {@link #RESIZE}.
 */
public interface ResourcePoolMXBean {

    /** Notification type: a health check found a resource unhealthy (message: why). */
    String HEALTH_CHECK_FAILED = "scopepool.healthcheck.failed";
    /** Notification type: an acquire timed out. */
    String ACQUIRE_TIMEOUT = "scopepool.acquire.timeout";
    /** Notification type: the pool's min/max changed. */
    String RESIZE = "scopepool.resize";

    /** @return the pool's name */
    String getName();

    /** @return live resources */
    int getTotal();

    /** @return idle resources */
    int getAvailable();

    /** @return resources on loan */
    int getInUse();

    /** @return callers waiting */
    int getWaiting();

    /** @return creations under way */
    int getCreating();

    /** @return resources found unhealthy (cumulative) */
    int getUnhealthy();

    /** @return whether the pool has a health check */
    boolean isHealthChecksEnabled();

    /** @return whether lending is suspended */
    boolean isSuspended();

    /** @return whether the pool is closed */
    boolean isClosed();

    /** @return the configured acquire timeout in milliseconds */
    long getAcquireTimeoutMillis();

    /** @return the configured health-check interval in milliseconds */
    long getHealthCheckIntervalMillis();

    /** @return successful acquires (cumulative) */
    long getAcquired();

    /** @return releases (cumulative) */
    long getReleased();

    /** @return invalidations (cumulative) */
    long getInvalidated();

    /** @return creations (cumulative) */
    long getCreated();

    /** @return destructions (cumulative) */
    long getDestroyed();

    /** @return destroy calls that threw (cumulative) */
    long getDestroyFailures();

    /** @return acquire timeouts (cumulative) */
    long getTimeouts();

    /** @return failed creations (cumulative) */
    long getCreateFailures();

    /** @return the longest acquire wait in milliseconds */
    long getMaxAcquireWaitMillis();

    /** @return the message of the last health-check failure, or the empty string */
    String getLastHealthCheckFailure();

    /** @return the minimum number of live resources */
    int getMin();

    /**
     * @param min the new minimum, {@code 0 <= min <= Max}
     * @throws IllegalArgumentException if out of range; nothing changes
     */
    void setMin(int min);

    /** @return the maximum number of resources */
    int getMax();

    /**
     * @param max the new maximum, at least 1 and at least {@code Min}
     * @throws IllegalArgumentException if out of range; nothing changes
     */
    void setMax(int max);

    /**
     * Checks every idle resource now.
     *
     * @return how many were found unhealthy and removed
     */
    int checkHealth();

    /**
     * @param min the new minimum
     * @param max the new maximum
     * @throws IllegalArgumentException if the bounds are invalid; nothing changes
     */
    void resize(int min, int max);

    /** Creates resources up to {@code Min} now. */
    void initialize();

    /**
     * Destroys every idle resource; the pool refills to {@code Min}.
     *
     * @return how many were destroyed
     */
    int evictIdle();

    /** Stops lending until {@link #resume()}. */
    void suspend();

    /** Lends again. */
    void resume();
}
