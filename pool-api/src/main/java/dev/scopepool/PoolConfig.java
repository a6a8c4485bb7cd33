// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

import dev.scopepool.spi.CreationPermits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The immutable configuration of a pool, built by {@link #builder()}. Every builder method
 * has a getter of the same name; {@link #toBuilder()} copies a configuration for changes.
 *
 * <p>{@link Builder#build()} validates everything at once and throws
 * {@link IllegalArgumentException} naming the field and the bad value, so an invalid
 * configuration never reaches a pool.
 *
 * @param <T> the resource type
 */
public final class PoolConfig<T> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String name;
    private final ResourceFactory<T> create;
    private final ResourceDestroyer<T> destroy;
    private final int min;
    private final int max;
    private final Duration acquireTimeout;
    private final HealthCheck<T> healthCheck;
    private final Duration healthCheckInterval;
    private final Duration healthCheckTimeout;
    private final Duration shutdownTimeout;
    private final Duration leakDetectionThreshold;
    private final boolean jmx;
    private final List<PoolListener> listeners;
    private final Duration maxLifetime;
    private final Duration idleTimeout;
    private final int maxUses;
    private final Duration checkOnAcquire;
    private final Duration createTimeout;
    private final int maxWaiters;
    private final int maxConcurrentCreates;
    private final int failFastAfter;
    private final CreationPermits creationPermits;

    private PoolConfig(Builder<T> b) {
        this.name = b.name;
        this.create = b.create;
        this.destroy = b.destroy != null ? b.destroy : PoolConfig::closeIfAutoCloseable;
        this.min = b.min;
        this.max = b.max;
        this.acquireTimeout = b.acquireTimeout;
        this.healthCheck = b.healthCheck;
        this.healthCheckInterval = b.healthCheckInterval;
        this.healthCheckTimeout = b.healthCheckTimeout;
        this.shutdownTimeout = b.shutdownTimeout;
        this.leakDetectionThreshold = b.leakDetectionThreshold;
        this.jmx = b.jmx;
        this.listeners = List.copyOf(b.listeners);
        this.maxLifetime = b.maxLifetime;
        this.idleTimeout = b.idleTimeout;
        this.maxUses = b.maxUses;
        this.checkOnAcquire = b.checkOnAcquire;
        this.createTimeout = b.createTimeout;
        this.maxWaiters = b.maxWaiters;
        this.maxConcurrentCreates = b.maxConcurrentCreates;
        this.failFastAfter = b.failFastAfter;
        this.creationPermits = b.creationPermits;
    }

    /**
     * @param <T> the resource type
     * @return a builder with every default of the specification
     */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** @return a builder holding this configuration's values, for a changed copy */
    public Builder<T> toBuilder() {
        Builder<T> b = new Builder<>();
        b.name = name;
        b.create = create;
        b.destroy = destroy;
        b.min = min;
        b.max = max;
        b.acquireTimeout = acquireTimeout;
        b.healthCheck = healthCheck;
        b.healthCheckInterval = healthCheckInterval;
        b.healthCheckTimeout = healthCheckTimeout;
        b.shutdownTimeout = shutdownTimeout;
        b.leakDetectionThreshold = leakDetectionThreshold;
        b.jmx = jmx;
        b.listeners.addAll(listeners);
        b.maxLifetime = maxLifetime;
        b.idleTimeout = idleTimeout;
        b.maxUses = maxUses;
        b.checkOnAcquire = checkOnAcquire;
        b.createTimeout = createTimeout;
        b.maxWaiters = maxWaiters;
        b.maxConcurrentCreates = maxConcurrentCreates;
        b.failFastAfter = failFastAfter;
        b.creationPermits = creationPermits;
        return b;
    }

    /** @return the pool's name, or {@code null}: the pool is then named {@code pool-N} at creation */
    public String name() {
        return name;
    }

    /** @return the factory; never {@code null} */
    public ResourceFactory<T> create() {
        return create;
    }

    /** @return the destroyer; by default it closes {@link AutoCloseable} resources and does nothing to others */
    public ResourceDestroyer<T> destroy() {
        return destroy;
    }

    /** @return the number of resources the pool keeps live once used (default 0) */
    public int min() {
        return min;
    }

    /** @return the most resources live or being created at once (default 10) */
    public int max() {
        return max;
    }

    /** @return how long {@link ResourcePool#acquire()} waits (default 30 s; 0: never waits) */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** @return the health check, or {@code null} when the pool has none */
    public HealthCheck<T> healthCheck() {
        return healthCheck;
    }

    /** @return how often idle resources are checked (default 30 s); only with a health check */
    public Duration healthCheckInterval() {
        return healthCheckInterval;
    }

    /**
     * @return how long one check may take before it counts as unhealthy (default 5 s); its thread
     *         is then interrupted, and a check still running one more such period later is
     *         abandoned: its resource stops counting in {@code total} and against {@code max}
     *         (counted in {@code abandoned}), and is destroyed if and when the check returns
     */
    public Duration healthCheckTimeout() {
        return healthCheckTimeout;
    }

    /** @return how long {@link ResourcePool#close()} waits for borrowed resources (default 5 s) */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** @return how long a loan may last before it is logged as a leak; zero (default) is off */
    public Duration leakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** @return whether the pool registers its MXBean (default true) */
    public boolean jmx() {
        return jmx;
    }

    /** @return the listeners, in the order they were added; immutable */
    public List<PoolListener> listeners() {
        return listeners;
    }

    /**
     * The maximum lifetime. Each resource's deadline, set when it is created, is this minus a
     * random 0–10 %, so resources created together do not expire together. No resource is lent
     * at or past its deadline; an idle one is destroyed no later than
     * {@code deadline + min(1 s, maxLifetime / 10)}; a borrowed one is never interrupted, and is
     * destroyed when it is released (never handed to a waiter). Each such retirement counts in
     * {@link PoolStats#retiredByAge()}.
     *
     * @return the longest a resource lives; zero (default) is off
     */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /**
     * The idle timeout. A resource not lent for longer than this is destroyed, longest idle
     * first, while the pool holds more than {@code min}, no later than
     * {@code idleTimeout + min(1 s, idleTimeout / 10)} after it was last released. Health checks
     * do not count as use. Each such retirement counts in {@link PoolStats#retiredByIdle()}.
     *
     * @return how long a resource may stay idle while the pool holds more than {@code min}; zero (default) is off
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The maximum number of loans. A resource lent this many times is destroyed when it comes
     * back from the last of them, never handed to a waiter; every acquire counts (also through
     * {@code execute}, {@code lease} and the asynchronous forms). Each such retirement counts in
     * {@link PoolStats#retiredByUses()}.
     *
     * @return how many loans a resource serves before it is retired; zero (default) is off
     */
    public int maxUses() {
        return maxUses;
    }

    /**
     * Checking on acquire. Before an idle resource that was neither lent nor passed a health
     * check within this window is lent, the health check runs on it (on a pool thread);
     * the acquirer waits for it no longer than its own timeout and {@code healthCheckTimeout}.
     * An unhealthy resource is destroyed and counted in {@link PoolStats#unhealthy()}, and the
     * acquire goes on with another resource. A new resource counts as checked when created.
     * The window runs from the start of the last loan, not its end: a resource returned after
     * a loan longer than the window is checked before its next loan.
     *
     * @return the window after which an idle resource is health-checked before it is lent, or
     *         {@code null} (default) for never; zero checks before every loan
     */
    public Duration checkOnAcquire() {
        return checkOnAcquire;
    }

    /**
     * @return how long one {@code create} call may run before it is given up (default 30 s): its
     *         capacity is then freed, it counts in {@code createFailures} and {@code abandoned},
     *         its waiting caller fails with a {@link ResourceCreationException} caused by a
     *         {@link java.util.concurrent.TimeoutException}, its thread is interrupted, and a
     *         resource it still returns is destroyed at once
     */
    public Duration createTimeout() {
        return createTimeout;
    }

    /** @return the most callers that may wait at once (default {@link Integer#MAX_VALUE}) */
    public int maxWaiters() {
        return maxWaiters;
    }

    /**
     * @return the most {@code create} calls that run at once (default 4), given-up ones that
     *         still run included; further creations queue and count in {@code creating}. A
     *         pool's threads are bounded by this plus a fixed few (housekeeping, two health
     *         checkers, two deliverers of asynchronous acquires, the JMX notifier)
     */
    public int maxConcurrentCreates() {
        return maxConcurrentCreates;
    }

    /** @return consecutive creation failures after which the pool is down; zero (default) is off */
    public int failFastAfter() {
        return failFastAfter;
    }

    /** @return where creations take their permits, or {@code null} (default) for no limit beyond {@code max} */
    public CreationPermits creationPermits() {
        return creationPermits;
    }

    @Override
    public String toString() {
        return "PoolConfig[name=" + name + ", min=" + min + ", max=" + max
                + ", acquireTimeout=" + acquireTimeout
                + ", healthCheck=" + (healthCheck != null)
                + ", healthCheckInterval=" + healthCheckInterval
                + ", healthCheckTimeout=" + healthCheckTimeout
                + ", shutdownTimeout=" + shutdownTimeout
                + ", leakDetectionThreshold=" + leakDetectionThreshold
                + ", jmx=" + jmx
                + ", maxLifetime=" + maxLifetime
                + ", idleTimeout=" + idleTimeout
                + ", maxUses=" + maxUses
                + ", checkOnAcquire=" + checkOnAcquire
                + ", createTimeout=" + createTimeout
                + ", maxWaiters=" + maxWaiters
                + ", maxConcurrentCreates=" + maxConcurrentCreates
                + ", failFastAfter=" + failFastAfter
                + ", creationPermits=" + creationPermits + "]";
    }

    private static void closeIfAutoCloseable(Object resource) throws Exception {
        if (resource instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * Collects a configuration. Not thread-safe; {@link #build()} validates and may be
     * called several times.
     *
     * @param <T> the resource type
     */
    public static final class Builder<T> {

        private String name;
        private ResourceFactory<T> create;
        private ResourceDestroyer<T> destroy;
        private int min = 0;
        private int max = 10;
        private Duration acquireTimeout = Duration.ofSeconds(30);
        private HealthCheck<T> healthCheck;
        private Duration healthCheckInterval = Duration.ofSeconds(30);
        private Duration healthCheckTimeout = Duration.ofSeconds(5);
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private Duration leakDetectionThreshold = Duration.ZERO;
        private boolean jmx = true;
        private final List<PoolListener> listeners = new ArrayList<>();
        private Duration maxLifetime = Duration.ZERO;
        private Duration idleTimeout = Duration.ZERO;
        private int maxUses = 0;
        private Duration checkOnAcquire;
        private Duration createTimeout = Duration.ofSeconds(30);
        private int maxWaiters = Integer.MAX_VALUE;
        private int maxConcurrentCreates = 4;
        private int failFastAfter = 0;
        private CreationPermits creationPermits;

        private Builder() {
        }

        /**
         * @param name 1–64 characters of {@code [A-Za-z0-9._-]}, or {@code null} for {@code pool-N}
         * @return this builder
         */
        public Builder<T> name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param create the factory (required)
         * @return this builder
         */
        public Builder<T> create(ResourceFactory<T> create) {
            this.create = create;
            return this;
        }

        /**
         * @param destroy the destroyer; {@code null} restores the default (close {@link AutoCloseable}s)
         * @return this builder
         */
        public Builder<T> destroy(ResourceDestroyer<T> destroy) {
            this.destroy = destroy;
            return this;
        }

        /**
         * @param min at least 0 and at most {@code max}
         * @return this builder
         */
        public Builder<T> min(int min) {
            this.min = min;
            return this;
        }

        /**
         * @param max at least 1
         * @return this builder
         */
        public Builder<T> max(int max) {
            this.max = max;
            return this;
        }

        /**
         * @param acquireTimeout not negative; zero means never wait
         * @return this builder
         */
        public Builder<T> acquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
            return this;
        }

        /**
         * @param healthCheck the check, or {@code null} for none
         * @return this builder
         */
        public Builder<T> healthCheck(HealthCheck<T> healthCheck) {
            this.healthCheck = healthCheck;
            return this;
        }

        /**
         * @param healthCheckInterval positive
         * @return this builder
         */
        public Builder<T> healthCheckInterval(Duration healthCheckInterval) {
            this.healthCheckInterval = healthCheckInterval;
            return this;
        }

        /**
         * @param healthCheckTimeout positive
         * @return this builder
         */
        public Builder<T> healthCheckTimeout(Duration healthCheckTimeout) {
            this.healthCheckTimeout = healthCheckTimeout;
            return this;
        }

        /**
         * @param shutdownTimeout not negative
         * @return this builder
         */
        public Builder<T> shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * @param leakDetectionThreshold not negative; zero turns leak detection off
         * @return this builder
         */
        public Builder<T> leakDetectionThreshold(Duration leakDetectionThreshold) {
            this.leakDetectionThreshold = leakDetectionThreshold;
            return this;
        }

        /**
         * @param jmx whether to register the pool's MXBean
         * @return this builder
         */
        public Builder<T> jmx(boolean jmx) {
            this.jmx = jmx;
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order they were added.
         *
         * @param listener not {@code null}
         * @return this builder
         */
        public Builder<T> listener(PoolListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * @param maxLifetime not negative; zero turns it off. An idle resource past its deadline
         *        is retired soon after it, a borrowed one when it comes back; none is lent past it
         * @return this builder
         */
        public Builder<T> maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /**
         * @param idleTimeout not negative; zero turns it off. Idle resources unused for longer
         *        are retired, longest idle first, while the pool holds more than {@code min}
         * @return this builder
         */
        public Builder<T> idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * @param maxUses not negative; zero turns it off. A resource lent this many times is
         *        retired when it comes back from its last loan
         * @return this builder
         */
        public Builder<T> maxUses(int maxUses) {
            this.maxUses = maxUses;
            return this;
        }

        /**
         * @param checkOnAcquire not negative, or {@code null} for off; needs a health check.
         *        An idle resource neither lent nor checked within this window is checked before
         *        it is lent (zero: before every loan)
         * @return this builder
         */
        public Builder<T> checkOnAcquire(Duration checkOnAcquire) {
            this.checkOnAcquire = checkOnAcquire;
            return this;
        }

        /**
         * @param createTimeout positive; a {@code create} call still running after this is given up
         *        (see {@link PoolConfig#createTimeout()})
         * @return this builder
         */
        public Builder<T> createTimeout(Duration createTimeout) {
            this.createTimeout = createTimeout;
            return this;
        }

        /**
         * Bounds the queue of waiting callers. An acquire that finds no idle resource queues (to
         * wait for a creation of its own or for a release); when this many callers are queued
         * already it fails at once with {@link PoolOverloadedException} instead, counted in
         * {@link PoolStats#rejected()}, and the asynchronous forms return a future failed with
         * it. The check and the queueing are one atomic step: {@link PoolStats#waiting()} never
         * exceeds the limit. Zero means nobody waits: only idle resources are lent. An acquire
         * that does not wait at all (a zero timeout) is not refused by this limit; it fails with
         * {@link AcquireTimeoutException} as always.
         *
         * @param maxWaiters not negative; an acquire that would wait while this many callers
         *        already wait fails at once with {@link PoolOverloadedException}
         * @return this builder
         */
        public Builder<T> maxWaiters(int maxWaiters) {
            this.maxWaiters = maxWaiters;
            return this;
        }

        /**
         * @param maxConcurrentCreates at least 1; at most this many {@code create} calls run at once
         *        (see {@link PoolConfig#maxConcurrentCreates()}); further creations queue
         * @return this builder
         */
        public Builder<T> maxConcurrentCreates(int maxConcurrentCreates) {
            this.maxConcurrentCreates = maxConcurrentCreates;
            return this;
        }

        /**
         * Makes the pool fail fast while its backend is down. After this many creations in a row
         * failed the pool is down ({@link PoolStats#down()}): an acquire that finds no idle
         * resource fails at once with {@link ResourceCreationException} (message
         * {@code pool '<name>' is down: ...}, cause the last failure) instead of waiting or
         * creating, and so do the callers queued at that moment; idle resources are still lent.
         * One probe creation at a time retries, 50 ms after the pool went down and then after
         * twice the previous delay, up to 5 s. The first creation that succeeds makes the pool
         * up again, and it refills as usual, at most {@code maxConcurrentCreates} creations at
         * once. Listeners hear {@link PoolListener#down} and {@link PoolListener#up}.
         *
         * @param failFastAfter not negative; zero turns it off. After this many consecutive
         *        creation failures the pool is down and acquirers that find no idle resource fail at once
         * @return this builder
         */
        public Builder<T> failFastAfter(int failFastAfter) {
            this.failFastAfter = failFastAfter;
            return this;
        }

        /**
         * @param creationPermits where each creation takes a permit first, or {@code null} for none
         * @return this builder
         */
        public Builder<T> creationPermits(CreationPermits creationPermits) {
            this.creationPermits = creationPermits;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws NullPointerException if {@code create} or a duration is missing
         * @throws IllegalArgumentException naming the field and the value that break a rule
         */
        public PoolConfig<T> build() {
            Objects.requireNonNull(create, "create is required");
            if (name != null && !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "name must be 1-64 characters of [A-Za-z0-9._-], was '" + name + "'");
            }
            if (max < 1) {
                throw new IllegalArgumentException("max must be >= 1, was " + max);
            }
            if (min < 0 || min > max) {
                throw new IllegalArgumentException("min must be >= 0 and <= max (" + max + "), was " + min);
            }
            notNegative("acquireTimeout", acquireTimeout);
            positive("healthCheckInterval", healthCheckInterval);
            positive("healthCheckTimeout", healthCheckTimeout);
            notNegative("shutdownTimeout", shutdownTimeout);
            notNegative("leakDetectionThreshold", leakDetectionThreshold);
            notNegative("maxLifetime", maxLifetime);
            notNegative("idleTimeout", idleTimeout);
            notNegative("maxUses", maxUses);
            if (checkOnAcquire != null) {
                notNegative("checkOnAcquire", checkOnAcquire);
                if (healthCheck == null) {
                    throw new IllegalArgumentException(
                            "checkOnAcquire needs a healthCheck, was " + checkOnAcquire + " without one");
                }
            }
            positive("createTimeout", createTimeout);
            notNegative("maxWaiters", maxWaiters);
            if (maxConcurrentCreates < 1) {
                throw new IllegalArgumentException("maxConcurrentCreates must be >= 1, was " + maxConcurrentCreates);
            }
            notNegative("failFastAfter", failFastAfter);
            return new PoolConfig<>(this);
        }

        private static void notNegative(String field, Duration value) {
            Objects.requireNonNull(value, field + " must not be null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(field + " must be >= 0, was " + value);
            }
        }

        private static void notNegative(String field, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(field + " must be >= 0, was " + value);
            }
        }

        private static void positive(String field, Duration value) {
            Objects.requireNonNull(value, field + " must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(field + " must be > 0, was " + value);
            }
        }
    }
}
