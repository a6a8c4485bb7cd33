// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scopepool.ResourcePool;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timers record what a {@link PoolTimings} listener hears. The events are raised here by
 * calling the pool's configured listeners directly, exactly as the engine calls them.
 */
class PoolTimingsTest {

    private static final String WAIT = "scopepool.resources.acquire.wait";
    private static final String CREATION = "scopepool.resources.creation";

    private final TestPools pools = new TestPools();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closePools() {
        pools.close();
    }

    @Test
    void acquireWaitTimerRecordsEveryWaitServedOrNot() {
        ResourcePool<Object> pool = pools.timedPool(new PoolTimings());
        ScopepoolMetrics.of(pool).bindTo(registry);

        TestPools.notifyListeners(pool, l -> l.acquireWaited(pool.name(), TimeUnit.MILLISECONDS.toNanos(5), true));
        TestPools.notifyListeners(pool, l -> l.acquireWaited(pool.name(), TimeUnit.MILLISECONDS.toNanos(20), false));

        Timer wait = new MeterReads(registry, pool.name()).timer(WAIT);
        assertEquals(2, wait.count());
        assertEquals(25, wait.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(20, wait.max(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(0, new MeterReads(registry, pool.name()).timer(CREATION).count());
    }

    @Test
    void creationTimerRecordsSuccessfulAndFailedCreations() {
        ResourcePool<Object> pool = pools.timedPool(new PoolTimings());
        ScopepoolMetrics.of(pool).bindTo(registry);

        TestPools.notifyListeners(pool, l -> l.creationEnded(pool.name(), TimeUnit.MILLISECONDS.toNanos(3), null));
        TestPools.notifyListeners(pool, l -> l.creationEnded(pool.name(), TimeUnit.MILLISECONDS.toNanos(7),
                new IllegalStateException("database down")));

        Timer creation = new MeterReads(registry, pool.name()).timer(CREATION);
        assertEquals(2, creation.count());
        assertEquals(10, creation.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void oneTimingsListenerSharedByTwoPoolsKeepsTheirTimersApart() {
        PoolTimings shared = new PoolTimings();
        ResourcePool<Object> a = pools.timedPool(shared);
        ResourcePool<Object> b = pools.timedPool(shared);
        ScopepoolMetrics.of(java.util.List.of(a, b)).bindTo(registry);

        TestPools.notifyListeners(a, l -> l.acquireWaited(a.name(), 1_000_000, true));

        assertEquals(1, new MeterReads(registry, a.name()).timer(WAIT).count());
        assertEquals(0, new MeterReads(registry, b.name()).timer(WAIT).count());
    }

    @Test
    void everyBoundRegistryRecordsTheEvent() {
        ResourcePool<Object> pool = pools.timedPool(new PoolTimings());
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        metrics.bindTo(other);

        TestPools.notifyListeners(pool, l -> l.creationEnded(pool.name(), 2_000_000, null));

        assertEquals(1, new MeterReads(registry, pool.name()).timer(CREATION).count());
        assertEquals(1, new MeterReads(other, pool.name()).timer(CREATION).count());
    }

    @Test
    void eventsAfterTheBinderClosedRecordNothing() {
        PoolTimings timings = new PoolTimings();
        ResourcePool<Object> pool = pools.timedPool(timings);
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        Timer wait = new MeterReads(registry, pool.name()).timer(WAIT);
        metrics.close();

        TestPools.notifyListeners(pool, l -> l.acquireWaited(pool.name(), 1_000_000, true));
        assertEquals(0, wait.count());
        assertEquals("PoolTimings[]", timings.toString(), "the closed binder unsubscribed");
    }

    @Test
    void timersOfAPoolBuiltWithoutPoolTimingsArePresentAndEmpty() {
        ResourcePool<Object> pool = pools.pool();
        ScopepoolMetrics.of(pool).bindTo(registry);
        PoolTimings unrelated = new PoolTimings();

        unrelated.acquireWaited(pool.name(), 1_000_000, true);
        assertEquals(0, new MeterReads(registry, pool.name()).timer(WAIT).count());
        assertEquals(0, new MeterReads(registry, pool.name()).timer(CREATION).count());
    }
}
