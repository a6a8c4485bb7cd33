// SPDX-License-Identifier: Apache-2.0
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
 * {@link #ACQUIRE_TIMEOUT}, {@link #RESIZE}, {@link #DOWN} and {@link #UP}.
 */
public interface ResourcePoolMXBean {

    /**
     * The domain and type of every pool's {@link javax.management.ObjectName}; a pool's own name
     * is this followed by {@code ,name=<pool name>}.
     */
    String DOMAIN_TYPE = "dev.scopepool:type=ResourcePool";

    /** Notification type: a health check found a resource unhealthy (message: why). */
    String HEALTH_CHECK_FAILED = "scopepool.healthcheck.failed";
    /** Notification type: an acquire timed out. */
    String ACQUIRE_TIMEOUT = "scopepool.acquire.timeout";
    /** Notification type: the pool's min/max changed. */
    String RESIZE = "scopepool.resize";
    /** Notification type: creations keep failing and the pool went down (message: the last failure). */
    String DOWN = "scopepool.down";
    /** Notification type: a creation succeeded and the pool is up again. */
    String UP = "scopepool.up";

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

    /** @return resources retired at their maximum lifetime (cumulative) */
    long getRetiredByAge();

    /** @return resources retired after staying idle too long (cumulative) */
    long getRetiredByIdle();

    /** @return resources retired after their maximum number of loans (cumulative) */
    long getRetiredByUses();

    /** @return acquires refused because too many callers waited (cumulative) */
    long getRejected();

    /** @return hung creations and health checks given up (cumulative) */
    long getAbandoned();

    /** @return whether the pool is down (creations keep failing; acquirers without an idle resource fail at once) */
    boolean isDown();

    /** @return the configured maximum lifetime in milliseconds; 0 is off */
    long getMaxLifetimeMillis();

    /** @return the configured idle timeout in milliseconds; 0 is off */
    long getIdleTimeoutMillis();

    /** @return the configured maximum number of loans per resource; 0 is off */
    int getMaxUses();

    /** @return the configured most waiting callers */
    int getMaxWaiters();

    /** @return the configured most concurrent {@code create} calls */
    int getMaxConcurrentCreates();

    /** @return the fleet-wide limit of the pool's creation permits, or -1 when it has none or it is unknown */
    int getFleetBudget();

    /** @return creations that had to wait for a permit (cumulative) */
    long getPermitWaits();

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
