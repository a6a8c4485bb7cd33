// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolListener;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.jfr.FlightEvents;
import dev.scopepool.impl.jmx.PoolsOverview;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every open pool of this JVM's engine, for the views that show all pools at once: the
 * {@code dev.scopepool:type=Pools} overview MBean (JMX-registered pools) and JFR's periodic
 * {@code dev.scopepool.PoolStatistics} event (every pool). A pool is listed from the end of
 * its creation until its close finished. Thread-safe.
 */
final class LivePools {

    private static final Set<ResourcePool<?>> OPEN = ConcurrentHashMap.newKeySet();

    private LivePools() {
    }

    /** Lists an open pool until it closes, and makes sure the all-pools views exist. */
    static void track(EnginePool<?> pool) {
        FlightEvents.register(LivePools::all);
        if (pool.config().jmx()) {
            PoolsOverview.registerOnce(LivePools::jmxRegistered);
        }
        OPEN.add(pool);
        pool.addListener(new PoolListener() {
            @Override
            public void closed(String name) {
                OPEN.remove(pool);
            }
        });
        if (pool.isClosed()) {
            OPEN.remove(pool); // closed before the listener was in place
        }
    }

    static List<ResourcePool<?>> all() {
        return List.copyOf(OPEN);
    }

    static List<ResourcePool<?>> jmxRegistered() {
        return OPEN.stream().filter(p -> p.config().jmx()).toList();
    }
}
