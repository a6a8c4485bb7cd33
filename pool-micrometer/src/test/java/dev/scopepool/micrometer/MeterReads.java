// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/** Looks up one pool's meters in a registry, failing clearly when one is missing. */
final class MeterReads {

    private final MeterRegistry registry;
    private final String pool;

    MeterReads(MeterRegistry registry, String pool) {
        this.registry = registry;
        this.pool = pool;
    }

    double gauge(String name) {
        Gauge g = registry.find(name).tag("pool", pool).gauge();
        if (g == null) {
            throw new AssertionError("no gauge " + name + " for pool " + pool + " in " + registry.getMeters());
        }
        return g.value();
    }

    double counter(String name) {
        FunctionCounter c = registry.find(name).tag("pool", pool).functionCounter();
        if (c == null) {
            throw new AssertionError("no function counter " + name + " for pool " + pool);
        }
        return c.count();
    }

    double retired(String reason) {
        FunctionCounter c = registry.find("scopepool.resources.retired").tag("pool", pool)
                .tag("reason", reason).functionCounter();
        if (c == null) {
            throw new AssertionError("no retired counter with reason " + reason + " for pool " + pool);
        }
        return c.count();
    }

    Timer timer(String name) {
        Timer t = registry.find(name).tag("pool", pool).timer();
        if (t == null) {
            throw new AssertionError("no timer " + name + " for pool " + pool);
        }
        return t;
    }

    /** @return every meter of the pool in the registry */
    List<Meter> meters() {
        return registry.getMeters().stream()
                .filter(m -> pool.equals(m.getId().getTag("pool")))
                .toList();
    }

    /** Reads every meter of the pool once, the way a scrape does. */
    void scrape() {
        for (Meter m : meters()) {
            m.measure().forEach(measurement -> measurement.getValue());
        }
    }
}
