// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import dev.scopepool.ResourcePool;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/**
 * Registers scopepool's event types with the JDK Flight Recorder, so that recordings and
 * JDK Mission Control list them from the first pool on (not only once one has happened), and
 * makes JFR emit {@code dev.scopepool.PoolStatistics} for every live pool at that event's period.
 */
public final class FlightEvents {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();
    private static final List<Class<? extends Event>> TYPES = List.of(AcquireWaitEvent.class,
            ResourceCreateEvent.class, ResourceRetireEvent.class, HealthCheckEvent.class, PoolStatisticsEvent.class);

    private FlightEvents() {
    }

    /**
     * Registers the event types once; later calls do nothing. The statistics hook runs on JFR's
     * own thread and only while a recording enables the event, so it costs the pools nothing
     * otherwise.
     *
     * @param livePools the pools open at the moment of each call
     */
    public static void register(Supplier<? extends Iterable<? extends ResourcePool<?>>> livePools) {
        if (!REGISTERED.compareAndSet(false, true)) {
            return;
        }
        TYPES.forEach(FlightRecorder::register);
        FlightRecorder.addPeriodicEvent(PoolStatisticsEvent.class, () -> {
            for (ResourcePool<?> pool : livePools.get()) {
                PoolStatisticsEvent event = new PoolStatisticsEvent();
                event.set(pool.name(), pool.stats());
                event.commit();
            }
        });
    }
}
