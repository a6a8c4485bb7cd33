// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import dev.scopepool.PoolConfig;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import dev.scopepool.spi.CreationPermits;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@link ResourcePoolMXBean} of one pool: reads and drives it through its public API only.
 *
 * <p><b>Consistent reads.</b> Each attribute getter reads one {@link ResourcePool#stats()}
 * (and {@link ResourcePool#config()}) snapshot. When a client reads several attributes in one
 * {@code getAttributes} call, as JConsole's attribute table does, {@link PoolMBean} makes all
 * of them come from a single snapshot ({@link #readingOneSnapshot}), so {@code Total ==
 * Available + InUse} holds in what the client sees whenever it held in the pool.
 *
 * <p><b>What clients see when a call fails.</b> A remote JMX client such as JConsole has only
 * the JDK's classes, so nothing of scopepool (nor a factory's own exception) may travel in a
 * failure: every failure reaches the client as an {@link IllegalArgumentException} (bad input;
 * the pool is unchanged) or {@link IllegalStateException} (the pool could not do it: closed,
 * creation failed, interrupted), whose message names the pool and says what went wrong. The
 * original exception is logged here.
 *
 * <p>Thread-safe: stateless apart from the per-thread snapshot.
 */
final class PoolManagement implements ResourcePoolMXBean {

    private static final Logger LOG = System.getLogger(PoolManagement.class.getName());

    /** Enough to reach the root of a creation failure; bounds a cyclic cause chain. */
    private static final int MAX_CAUSES = 5;

    /** A stats and config pair read together, shared by the attributes of one batch read. */
    private record Snapshot(PoolStats stats, PoolConfig<?> config) {
    }

    private final ResourcePool<?> pool;
    private final Supplier<String> lastHealthCheckFailure;
    private final LongSupplier permitWaits;
    private final ThreadLocal<Snapshot> batch = new ThreadLocal<>();

    PoolManagement(ResourcePool<?> pool, Supplier<String> lastHealthCheckFailure, LongSupplier permitWaits) {
        this.permitWaits = permitWaits;
        this.pool = pool;
        this.lastHealthCheckFailure = lastHealthCheckFailure;
    }

    /**
     * Runs {@code reads} (attribute getters) so that they all see one snapshot of the pool.
     *
     * @param reads the reads, on this thread
     * @param <R> what they return
     * @return what {@code reads} returned
     */
    <R> R readingOneSnapshot(Supplier<R> reads) {
        if (batch.get() != null) {
            return reads.get();
        }
        batch.set(new Snapshot(pool.stats(), pool.config()));
        try {
            return reads.get();
        } finally {
            batch.remove();
        }
    }

    private PoolStats stats() {
        Snapshot s = batch.get();
        return s != null ? s.stats() : pool.stats();
    }

    private PoolConfig<?> config() {
        Snapshot s = batch.get();
        return s != null ? s.config() : pool.config();
    }

    @Override
    public String getName() {
        return pool.name();
    }

    @Override
    public int getTotal() {
        return stats().total();
    }

    @Override
    public int getAvailable() {
        return stats().available();
    }

    @Override
    public int getInUse() {
        return stats().inUse();
    }

    @Override
    public int getWaiting() {
        return stats().waiting();
    }

    @Override
    public int getCreating() {
        return stats().creating();
    }

    @Override
    public int getUnhealthy() {
        return stats().unhealthy();
    }

    @Override
    public boolean isHealthChecksEnabled() {
        return stats().healthChecksEnabled();
    }

    @Override
    public boolean isSuspended() {
        return pool.isSuspended();
    }

    @Override
    public boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public long getAcquireTimeoutMillis() {
        return millis(config().acquireTimeout());
    }

    @Override
    public long getHealthCheckIntervalMillis() {
        return millis(config().healthCheckInterval());
    }

    /** The builder accepts any non-negative Duration; reading an attribute must not overflow. */
    private static long millis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public long getAcquired() {
        return stats().acquired();
    }

    @Override
    public long getReleased() {
        return stats().released();
    }

    @Override
    public long getInvalidated() {
        return stats().invalidated();
    }

    @Override
    public long getCreated() {
        return stats().created();
    }

    @Override
    public long getDestroyed() {
        return stats().destroyed();
    }

    @Override
    public long getDestroyFailures() {
        return stats().destroyFailures();
    }

    @Override
    public long getTimeouts() {
        return stats().timeouts();
    }

    @Override
    public long getCreateFailures() {
        return stats().createFailures();
    }

    @Override
    public long getMaxAcquireWaitMillis() {
        return stats().maxAcquireWaitMillis();
    }

    @Override
    public long getRetiredByAge() {
        return stats().retiredByAge();
    }

    @Override
    public long getRetiredByIdle() {
        return stats().retiredByIdle();
    }

    @Override
    public long getRetiredByUses() {
        return stats().retiredByUses();
    }

    @Override
    public long getRejected() {
        return stats().rejected();
    }

    @Override
    public long getAbandoned() {
        return stats().abandoned();
    }

    @Override
    public boolean isDown() {
        return stats().down();
    }

    @Override
    public long getMaxLifetimeMillis() {
        return millis(config().maxLifetime());
    }

    @Override
    public long getIdleTimeoutMillis() {
        return millis(config().idleTimeout());
    }

    @Override
    public int getMaxUses() {
        return config().maxUses();
    }

    @Override
    public int getMaxWaiters() {
        return config().maxWaiters();
    }

    @Override
    public int getMaxConcurrentCreates() {
        return config().maxConcurrentCreates();
    }

    @Override
    public int getFleetBudget() {
        CreationPermits permits = config().creationPermits();
        return permits != null ? permits.limit() : -1;
    }

    @Override
    public long getPermitWaits() {
        return permitWaits.getAsLong();
    }

    @Override
    public String getLastHealthCheckFailure() {
        String message = lastHealthCheckFailure.get();
        return message != null ? message : "";
    }

    @Override
    public int getMin() {
        return config().min();
    }

    @Override
    public void setMin(int min) {
        int max = pool.config().max();
        resize(min, max, "Cannot set Min of pool " + pool.name() + " to " + min + " (Max is " + max + ")");
    }

    @Override
    public int getMax() {
        return config().max();
    }

    @Override
    public void setMax(int max) {
        int min = pool.config().min();
        resize(min, max, "Cannot set Max of pool " + pool.name() + " to " + max + " (Min is " + min + ")");
    }

    @Override
    public void resize(int min, int max) {
        resize(min, max, "Cannot resize pool " + pool.name() + " to min=" + min + ", max=" + max);
    }

    private void resize(int min, int max, String context) {
        try {
            pool.resize(min, max);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.DEBUG, context, e);
            throw new IllegalArgumentException(context + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw failed(context, e);
        }
    }

    @Override
    public int checkHealth() {
        String context = "Health check of pool " + pool.name() + " failed";
        try {
            return pool.checkHealth();
        } catch (InterruptedException e) {
            throw interrupted(context, e);
        } catch (RuntimeException e) {
            throw failed(context, e);
        }
    }

    @Override
    public void initialize() {
        String context = "Cannot initialize pool " + pool.name();
        try {
            pool.initialize();
        } catch (InterruptedException e) {
            throw interrupted(context, e);
        } catch (RuntimeException e) {
            throw failed(context, e);
        }
    }

    @Override
    public int evictIdle() {
        try {
            return pool.evictIdle();
        } catch (RuntimeException e) {
            throw failed("Cannot evict idle resources of pool " + pool.name(), e);
        }
    }

    @Override
    public void suspend() {
        try {
            pool.suspend();
        } catch (RuntimeException e) {
            throw failed("Cannot suspend pool " + pool.name(), e);
        }
    }

    @Override
    public void resume() {
        try {
            pool.resume();
        } catch (RuntimeException e) {
            throw failed("Cannot resume pool " + pool.name(), e);
        }
    }

    /** The caller (an RMI or JMX thread) keeps its interrupt, and learns the call did not finish. */
    private static IllegalStateException interrupted(String context, InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.log(Level.DEBUG, context, e);
        return new IllegalStateException(context + ": interrupted while waiting; try again");
    }

    /**
     * The client sees the failure's class and message chain as text in a JDK exception type:
     * the classes themselves (a factory's exception, {@code PoolClosedException}) would not
     * deserialize in JConsole and hide the message behind an unmarshalling error.
     */
    private static RuntimeException failed(String context, RuntimeException e) {
        LOG.log(Level.WARNING, context, e);
        StringBuilder message = new StringBuilder(context);
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            message.append(t == e ? ": " : "; caused by ").append(describe(t));
        }
        RuntimeException forClient = e instanceof IllegalArgumentException
                ? new IllegalArgumentException(message.toString())
                : new IllegalStateException(message.toString());
        forClient.setStackTrace(e.getStackTrace());
        return forClient;
    }

    /** JDK exceptions by their familiar name; scopepool's and users' by simple name and message. */
    private static String describe(Throwable t) {
        String name = t.getClass().getName().startsWith("java.")
                ? t.getClass().getName() : t.getClass().getSimpleName();
        return t.getMessage() != null ? name + ": " + t.getMessage() : name;
    }
}
