// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import dev.scopepool.ResourcePool;
import java.util.function.Supplier;

/**
 * scopepool's presence in the JDK Flight Recorder while any pool of this class loader is open:
 * its event types registered, so that recordings and JDK Mission Control list them from the
 * first pool on, and a periodic hook that emits {@code dev.scopepool.PoolStatistics} for every
 * live pool. The hook is a JVM-wide registration that holds this class loader, so it is removed
 * again when the last pool closes ({@link #stop()}): an undeployed application leaves nothing
 * behind. Where JFR is not visible ({@link JfrPresence}), there is nothing to register.
 */
public final class FlightEvents {

    private static final FlightEvents NONE = new FlightEvents(null);

    /** Null without JFR. Only this field's use touches {@code jdk.jfr}. */
    private final JfrRegistration registration;

    private FlightEvents(JfrRegistration registration) {
        this.registration = registration;
    }

    /**
     * Registers the event types and the statistics hook. The hook runs on JFR's own thread and
     * only while a recording enables the event, so it costs the pools nothing otherwise.
     *
     * @param livePools the pools open at the moment of each call
     * @return the registration, to {@link #stop()} when no pool is left
     */
    public static FlightEvents start(Supplier<? extends Iterable<? extends ResourcePool<?>>> livePools) {
        return JfrPresence.visible() ? new FlightEvents(JfrRegistration.start(livePools)) : NONE;
    }

    /** Removes the statistics hook. Idempotent. */
    public void stop() {
        if (registration != null) {
            registration.stop();
        }
    }
}
