// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * The gauges and function counters of one pool, each read from a {@link Snapshot}.
 *
 * <p>The ordinal is the meter's bit in {@link Snapshot}'s read mask, so there must stay fewer
 * than 64 constants.
 */
enum PoolMeter {
    TOTAL(true, "scopepool.resources", null, "Live resources: created and not yet destroyed",
            s -> s.stats().total()),
    IDLE(true, "scopepool.resources.idle", null, "Idle resources that can be lent now",
            s -> s.stats().available()),
    ACTIVE(true, "scopepool.resources.active", null, "Resources on loan",
            s -> s.stats().inUse()),
    PENDING(true, "scopepool.resources.pending", null, "Callers waiting for a resource",
            s -> s.stats().waiting()),
    CREATING(true, "scopepool.resources.creating", null, "Creations under way",
            s -> s.stats().creating()),
    MAX(true, "scopepool.resources.max", null, "The pool's maximum size",
            Snapshot::max),
    MIN(true, "scopepool.resources.min", null, "The pool's minimum size",
            Snapshot::min),
    DOWN(true, "scopepool.pool.down", null, "1 while creations keep failing and acquirers fail fast, else 0",
            s -> s.stats().down() ? 1 : 0),

    ACQUIRED(false, "scopepool.resources.acquired", null, "Successful acquires",
            s -> s.stats().acquired()),
    RELEASED(false, "scopepool.resources.released", null, "Resources given back",
            s -> s.stats().released()),
    CREATED(false, "scopepool.resources.created", null, "Resources created",
            s -> s.stats().created()),
    DESTROYED(false, "scopepool.resources.destroyed", null, "Resources destroyed, failed destroys included",
            s -> s.stats().destroyed()),
    TIMEOUTS(false, "scopepool.resources.timeouts", null, "Acquires that timed out",
            s -> s.stats().timeouts()),
    REJECTED(false, "scopepool.resources.rejected", null,
            "Acquires refused at once because too many callers were waiting",
            s -> s.stats().rejected()),
    CREATION_FAILURES(false, "scopepool.resources.creation.failures", null, "Creations that failed",
            s -> s.stats().createFailures()),
    RETIRED_INVALIDATED(false, Names.RETIRED, "invalidated", Names.RETIRED_DESCRIPTION,
            s -> s.stats().invalidated()),
    RETIRED_UNHEALTHY(false, Names.RETIRED, "unhealthy", Names.RETIRED_DESCRIPTION,
            s -> s.stats().unhealthy()),
    RETIRED_MAX_LIFETIME(false, Names.RETIRED, "maxLifetime", Names.RETIRED_DESCRIPTION,
            s -> s.stats().retiredByAge()),
    RETIRED_IDLE_TIMEOUT(false, Names.RETIRED, "idleTimeout", Names.RETIRED_DESCRIPTION,
            s -> s.stats().retiredByIdle()),
    RETIRED_MAX_USES(false, Names.RETIRED, "maxUses", Names.RETIRED_DESCRIPTION,
            s -> s.stats().retiredByUses()),
    RETIRED_ABANDONED(false, Names.RETIRED, "abandoned", Names.RETIRED_DESCRIPTION,
            s -> s.stats().abandoned());

    /** Names shared by several constants (an enum cannot refer to its own static fields in constructors). */
    static final class Names {
        static final String RETIRED = "scopepool.resources.retired";
        static final String RETIRED_DESCRIPTION = "Resources taken out of service, by reason";

        private Names() {
        }
    }

    private final boolean gauge;
    private final String meterName;
    private final String reason;
    private final String description;
    private final ToDoubleFunction<Snapshot> value;

    PoolMeter(boolean gauge, String meterName, String reason, String description, ToDoubleFunction<Snapshot> value) {
        this.gauge = gauge;
        this.meterName = meterName;
        this.reason = reason;
        this.description = description;
        this.value = value;
    }

    /**
     * Registers this meter of one pool.
     *
     * <p>Gauges hold their state object strongly: Micrometer's default weak reference would let
     * a gauge silently turn into NaN once nothing else referred to the binder. Function counters
     * have no such option, but they share the gauges' {@link SnapshotCache}, which the gauges
     * of the same registry keep reachable.
     */
    Meter register(MeterRegistry registry, Tags poolTag, SnapshotCache cache) {
        Tags tags = reason == null ? poolTag : poolTag.and("reason", reason);
        ToDoubleFunction<SnapshotCache> read = c -> value.applyAsDouble(c.snapshotFor(this));
        if (gauge) {
            return Gauge.builder(meterName, cache, read).tags(tags).description(description)
                    .strongReference(true).register(registry);
        }
        return FunctionCounter.builder(meterName, cache, read).tags(tags).description(description)
                .register(registry);
    }

    String meterName() {
        return meterName;
    }

    /** @return the value of the {@code reason} tag, or {@code null} when the meter has none */
    String reason() {
        return reason;
    }
}
