// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import dev.scopepool.ResourcePool;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/** Behind {@link FlightEvents}, used only where JFR is visible. */
final class JfrRegistration {

    private static final List<Class<? extends Event>> TYPES = List.of(JfrAcquireWait.class,
            JfrResourceCreate.class, JfrResourceRetire.class, JfrHealthCheck.class, PoolStatisticsEvent.class);

    private final Runnable statistics;
    private final AtomicBoolean active = new AtomicBoolean(true);

    private JfrRegistration(Runnable statistics) {
        this.statistics = statistics;
    }

    static JfrRegistration start(Supplier<? extends Iterable<? extends ResourcePool<?>>> livePools) {
        TYPES.forEach(FlightRecorder::register);
        Runnable statistics = () -> {
            for (ResourcePool<?> pool : livePools.get()) {
                PoolStatisticsEvent event = new PoolStatisticsEvent();
                event.set(pool.name(), pool.stats());
                event.commit();
            }
        };
        FlightRecorder.addPeriodicEvent(PoolStatisticsEvent.class, statistics);
        return new JfrRegistration(statistics);
    }

    /**
     * Removes the hook, which JFR holds JVM-wide. The event types stay registered: JFR does not
     * hold their class loader for that, and a recording that lists them keeps its settings.
     */
    void stop() {
        if (active.compareAndSet(true, false)) {
            FlightRecorder.removePeriodicEvent(statistics);
        }
    }
}
