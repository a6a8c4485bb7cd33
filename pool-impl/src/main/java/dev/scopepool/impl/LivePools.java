// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolListener;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.jfr.FlightEvents;
import dev.scopepool.impl.jmx.PoolsOverview;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every open pool of this class loader's engine, for the views that show all pools at once: the
 * {@code dev.scopepool:type=Pools} overview MBean (JMX-registered pools) and JFR's periodic
 * {@code dev.scopepool.PoolStatistics} event (every pool). A pool is listed from the end of
 * its creation until its close finished. Thread-safe.
 *
 * <p>Both views are JVM-wide registrations that hold this class loader, which in a Jakarta EE
 * server is one application's. So they exist only while a pool is open: the first pool to open
 * registers them, the last to close removes them, and an undeployed application (whose pools
 * all closed with its CDI contexts) leaves nothing in the JVM that keeps its classes.
 */
final class LivePools {

    private static final Set<ResourcePool<?>> OPEN = ConcurrentHashMap.newKeySet();
    /** Orders the first open against the last close; a lock, not a monitor, for virtual threads. */
    private static final ReentrantLock VIEWS = new ReentrantLock();
    /** Guarded by VIEWS: non-null exactly while OPEN is not empty. */
    private static FlightEvents flightEvents;
    /** Guarded by VIEWS: non-null while a JMX-registered pool has been open since the views started. */
    private static PoolsOverview.Registration overview;

    private LivePools() {
    }

    /** Lists an open pool until it closes, and makes sure the all-pools views exist meanwhile. */
    static void track(EnginePool<?> pool) {
        VIEWS.lock();
        try {
            if (flightEvents == null) {
                flightEvents = FlightEvents.start(LivePools::all);
            }
            if (overview == null && pool.config().jmx()) {
                overview = PoolsOverview.register(LivePools::jmxRegistered);
            }
            OPEN.add(pool);
        } finally {
            VIEWS.unlock();
        }
        pool.addListener(new PoolListener() {
            @Override
            public void closed(String name) {
                untrack(pool);
            }
        });
        if (pool.isClosed()) {
            untrack(pool); // closed before the listener was in place
        }
    }

    private static void untrack(ResourcePool<?> pool) {
        VIEWS.lock();
        try {
            if (!OPEN.remove(pool) || !OPEN.isEmpty()) {
                return;
            }
            flightEvents.stop();
            flightEvents = null;
            if (overview != null) {
                overview.unregister();
                overview = null;
            }
        } finally {
            VIEWS.unlock();
        }
    }

    static List<ResourcePool<?>> all() {
        return List.copyOf(OPEN);
    }

    static List<ResourcePool<?>> jmxRegistered() {
        return OPEN.stream().filter(p -> p.config().jmx()).toList();
    }
}
