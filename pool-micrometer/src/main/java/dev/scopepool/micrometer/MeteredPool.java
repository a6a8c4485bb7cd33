// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import dev.scopepool.PoolListener;
import dev.scopepool.ResourcePool;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one pool in one {@link ScopepoolMetrics}, in every registry it was bound to.
 *
 * <p>While bound it listens to the pool (through {@link ResourcePool#addListener}, so any pool
 * will do, however it was built): acquire waits and creations feed the timers, and the pool's
 * close removes every meter at once. Once detached (the binder closed, or the pool closed) it
 * has no meter anywhere, no listener on the pool, and binds no more; detaching is idempotent.
 * Binding and detaching are serialised on this object; recording into the timers reads a
 * copy-on-write array and takes no lock.
 */
final class MeteredPool {

    static final String ACQUIRE_WAIT = "scopepool.resources.acquire.wait";
    static final String CREATION = "scopepool.resources.creation";

    private static final Timer[] NO_TIMERS = new Timer[0];

    private final ResourcePool<?> pool;
    private final String name;
    private final SnapshotCache cache;
    private final Map<MeterRegistry, List<Meter>> meters = new IdentityHashMap<>();
    private volatile Timer[] waitTimers = NO_TIMERS;
    private volatile Timer[] creationTimers = NO_TIMERS;
    /** The listener on the pool while any registry is bound; null before and after. */
    private PoolListener.Registration listening;
    private boolean detached;

    MeteredPool(ResourcePool<?> pool) {
        this.pool = pool;
        this.name = pool.name();
        this.cache = new SnapshotCache(pool, this::poolClosed);
    }

    String name() {
        return name;
    }

    /** Registers every meter of the pool in {@code registry}; nothing if already bound there or detached. */
    synchronized void bindTo(MeterRegistry registry) {
        if (detached || meters.containsKey(registry)) {
            return;
        }
        if (pool.isClosed()) {
            detach();
            return;
        }
        if (meters.isEmpty()) {
            subscribe();
            if (detached) {
                return; // the pool closed meanwhile
            }
        }
        Tags tags = Tags.of("pool", name);
        List<Meter> registered = new ArrayList<>();
        for (PoolMeter m : PoolMeter.values()) {
            registered.add(m.register(registry, tags, cache));
        }
        Timer wait = Timer.builder(ACQUIRE_WAIT).tags(tags)
                .description("How long acquires that found no idle resource waited, served or not")
                .register(registry);
        Timer creation = Timer.builder(CREATION).tags(tags)
                .description("How long create calls ran, failed ones included")
                .register(registry);
        registered.add(wait);
        registered.add(creation);
        meters.put(registry, registered);
        waitTimers = append(waitTimers, wait);
        creationTimers = append(creationTimers, creation);
    }

    /**
     * Starts listening to the pool. A pool that closed before the listener was in place never
     * tells it so: the check after adding catches that.
     */
    private void subscribe() {
        listening = pool.addListener(new PoolListener() {
            @Override
            public void acquireWaited(String pool, long waitNanos, boolean served) {
                record(waitTimers, waitNanos);
            }

            @Override
            public void creationEnded(String pool, long durationNanos, Throwable failure) {
                record(creationTimers, durationNanos);
            }

            @Override
            public void closed(String pool) {
                detach();
            }
        });
        if (pool.isClosed()) {
            detach();
        }
    }

    /** The pool closed: its meters go away from every registry. */
    void poolClosed() {
        if (pool.isClosed()) {
            detach();
        }
    }

    /** Removes every meter of the pool from every registry and stops listening. Idempotent. */
    synchronized void detach() {
        if (detached) {
            return;
        }
        detached = true;
        waitTimers = NO_TIMERS;
        creationTimers = NO_TIMERS;
        if (listening != null) {
            listening.close();
            listening = null;
        }
        meters.forEach((registry, list) -> list.forEach(registry::remove));
        meters.clear();
    }

    private static void record(Timer[] timers, long nanos) {
        for (Timer t : timers) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    private static Timer[] append(Timer[] timers, Timer added) {
        Timer[] grown = Arrays.copyOf(timers, timers.length + 1);
        grown[timers.length] = added;
        return grown;
    }
}
