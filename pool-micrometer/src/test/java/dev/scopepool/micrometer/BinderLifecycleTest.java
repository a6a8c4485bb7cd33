// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.ResourcePool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When meters appear and vanish: closing the binder, closing a pool. */
class BinderLifecycleTest {

    private final TestPools pools = new TestPools();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closePools() {
        pools.close();
    }

    @Test
    void closingTheBinderRemovesItsMetersFromEveryRegistry() {
        ResourcePool<Object> pool = pools.pool();
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        metrics.bindTo(other);
        assertEquals(23, registry.getMeters().size());
        assertEquals(23, other.getMeters().size());

        metrics.close();
        assertEquals(List.of(), registry.getMeters());
        assertEquals(List.of(), other.getMeters());
        metrics.close();
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
        assertTrue(again.getMessage().contains("closed"), again.getMessage());
        assertEquals(List.of(), registry.getMeters());
    }

    @Test
    void closingTheBinderLeavesOtherMetersAlone() {
        ResourcePool<Object> mine = pools.pool();
        ResourcePool<Object> theirs = pools.pool();
        registry.counter("application.requests").increment();
        ScopepoolMetrics other = ScopepoolMetrics.of(theirs);
        other.bindTo(registry);
        ScopepoolMetrics metrics = ScopepoolMetrics.of(mine);
        metrics.bindTo(registry);

        metrics.close();
        assertEquals(List.of(), new MeterReads(registry, mine.name()).meters());
        assertEquals(23, new MeterReads(registry, theirs.name()).meters().size());
        assertEquals(1, registry.get("application.requests").counter().count());
    }

    @Test
    void aClosedPoolLosesItsMetersAsSoonAsItClosesWithoutAnyRead() throws Exception {
        ResourcePool<Object> pool = pools.pool();
        ResourcePool<Object> open = pools.pool();
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        ScopepoolMetrics metrics = ScopepoolMetrics.of(List.of(pool, open));
        metrics.bindTo(registry);
        metrics.bindTo(other);
        pool.release(pool.acquire());

        pool.close();
        // No meter is read here: the pool's closed event alone removes them, before close returns.
        assertEquals(List.of(), registry.getMeters().stream().filter(m -> pool.name().equals(m.getId().getTag("pool"))).toList());
        assertEquals(List.of(), other.getMeters().stream().filter(m -> pool.name().equals(m.getId().getTag("pool"))).toList());
        assertEquals(23, new MeterReads(registry, open.name()).meters().size(), "the open pool keeps its meters");
    }

    @Test
    void aPoolClosedBeforeBindingGetsNoMeters() {
        ResourcePool<Object> closed = pools.pool();
        ResourcePool<Object> open = pools.pool();
        closed.close();

        ScopepoolMetrics.of(List.of(closed, open)).bindTo(registry);
        assertEquals(List.of(), new MeterReads(registry, closed.name()).meters());
        assertEquals(23, new MeterReads(registry, open.name()).meters().size());
    }

    @Test
    void aPoolThatClosedIsNotBoundToLaterRegistries() {
        ResourcePool<Object> pool = pools.pool();
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        pool.close();

        SimpleMeterRegistry later = new SimpleMeterRegistry();
        metrics.bindTo(later);
        assertEquals(List.of(), later.getMeters());
    }

    @Test
    void anEmptyBinderBindsAndClosesWithoutMeters() {
        ScopepoolMetrics metrics = ScopepoolMetrics.of(List.of());
        metrics.bindTo(registry);
        assertEquals(List.of(), registry.getMeters());
        metrics.close();
    }
}
