// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters of a bound pool and the values they report. */
class ScopepoolMetricsTest {

    private static final List<String> GAUGES = List.of("scopepool.resources", "scopepool.resources.idle",
            "scopepool.resources.active", "scopepool.resources.pending", "scopepool.resources.creating",
            "scopepool.resources.max", "scopepool.resources.min", "scopepool.pool.down");

    /** Each function counter with the {@link PoolStats} component it must equal. */
    private static final Map<String, ToDoubleFunction<PoolStats>> COUNTERS = Map.of(
            "scopepool.resources.acquired", PoolStats::acquired,
            "scopepool.resources.released", PoolStats::released,
            "scopepool.resources.created", PoolStats::created,
            "scopepool.resources.destroyed", PoolStats::destroyed,
            "scopepool.resources.timeouts", PoolStats::timeouts,
            "scopepool.resources.rejected", PoolStats::rejected,
            "scopepool.resources.creation.failures", PoolStats::createFailures);

    private static final Map<String, ToDoubleFunction<PoolStats>> RETIRED = Map.of(
            "invalidated", PoolStats::invalidated,
            "unhealthy", PoolStats::unhealthy,
            "maxLifetime", PoolStats::retiredByAge,
            "idleTimeout", PoolStats::retiredByIdle,
            "maxUses", PoolStats::retiredByUses,
            "abandoned", PoolStats::abandoned);

    private final TestPools pools = new TestPools();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closePools() {
        pools.close();
    }

    @Test
    void everyMeterIsRegisteredTaggedWithThePoolName() {
        ResourcePool<Object> pool = pools.pool();
        ScopepoolMetrics.of(pool).bindTo(registry);

        MeterReads meters = new MeterReads(registry, pool.name());
        GAUGES.forEach(meters::gauge);
        COUNTERS.keySet().forEach(meters::counter);
        RETIRED.keySet().forEach(meters::retired);
        meters.timer("scopepool.resources.acquire.wait");
        meters.timer("scopepool.resources.creation");
        assertEquals(GAUGES.size() + COUNTERS.size() + RETIRED.size() + 2, meters.meters().size());
        assertEquals(meters.meters().size(), registry.getMeters().size(), "every meter carries the pool tag");
    }

    @Test
    void gaugesReportThePoolsSizesAndBounds() throws Exception {
        ResourcePool<Object> pool = pools.pool(b -> b.min(1).max(4));
        ScopepoolMetrics.of(pool).bindTo(registry);
        MeterReads meters = new MeterReads(registry, pool.name());
        Object first = pool.acquire();
        Object second = pool.acquire();
        pool.release(second);
        Poll.until("the fill to min and the loans settle", () -> pool.stats().total() == 2 && pool.stats().creating() == 0);

        assertEquals(2, meters.gauge("scopepool.resources"));
        assertEquals(1, meters.gauge("scopepool.resources.idle"));
        assertEquals(1, meters.gauge("scopepool.resources.active"));
        assertEquals(0, meters.gauge("scopepool.resources.pending"));
        assertEquals(0, meters.gauge("scopepool.resources.creating"));
        assertEquals(4, meters.gauge("scopepool.resources.max"));
        assertEquals(1, meters.gauge("scopepool.resources.min"));
        assertEquals(0, meters.gauge("scopepool.pool.down"));

        pool.resize(2, 6);
        assertEquals(6, meters.gauge("scopepool.resources.max"));
        assertEquals(2, meters.gauge("scopepool.resources.min"));
        pool.release(first);
    }

    @Test
    void pendingCountsCallersWaitingForAResource() throws Exception {
        ResourcePool<Object> pool = pools.pool(b -> b.max(1));
        ScopepoolMetrics.of(pool).bindTo(registry);
        MeterReads meters = new MeterReads(registry, pool.name());
        Object only = pool.acquire();

        CompletableFuture<Object> waiter = pool.acquireAsync();
        Poll.until("the caller waits", () -> meters.gauge("scopepool.resources.pending") == 1);
        pool.release(only);
        pool.release(waiter.get(5, TimeUnit.SECONDS));
        Poll.until("nobody waits", () -> meters.gauge("scopepool.resources.pending") == 0);
    }

    @Test
    void countersEqualThePoolStatistics() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(true);
        ResourcePool<Object> pool = pools.pool(b -> b.max(3)
                .healthCheck(r -> healthy.get() ? HealthCheckResult.ok() : HealthCheckResult.unhealthy("broken")));
        ScopepoolMetrics.of(pool).bindTo(registry);
        MeterReads meters = new MeterReads(registry, pool.name());

        Object a = pool.acquire();
        Object b = pool.acquire();
        Object c = pool.acquire();
        assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO));
        pool.invalidate(a);
        pool.release(b);
        pool.release(c);
        healthy.set(false);
        assertEquals(2, pool.checkHealth());
        Poll.until("the unhealthy resources are destroyed", () -> pool.stats().destroyed() == 3);

        PoolStats stats = pool.stats();
        assertEquals(3, meters.counter("scopepool.resources.acquired"));
        assertEquals(1, meters.counter("scopepool.resources.timeouts"));
        assertEquals(1, meters.retired("invalidated"));
        assertEquals(2, meters.retired("unhealthy"));
        COUNTERS.forEach((name, component) ->
                assertEquals(component.applyAsDouble(stats), meters.counter(name), name));
        RETIRED.forEach((reason, component) ->
                assertEquals(component.applyAsDouble(stats), meters.retired(reason), "retired " + reason));
    }

    @Test
    void oneScrapeReadsThePoolStatisticsOnce() {
        StatsCountingPool pool = new StatsCountingPool(pools.pool());
        ScopepoolMetrics.of(pool).bindTo(registry);
        MeterReads meters = new MeterReads(registry, pool.name());

        meters.scrape();
        assertEquals(1, pool.statsCalls.get(), "stats() calls during the first scrape");
        meters.scrape();
        assertEquals(2, pool.statsCalls.get(), "a second scrape reads afresh");
    }

    @Test
    void aMeterReadTwiceNeverReportsAValueOlderThanItsPreviousRead() throws Exception {
        ResourcePool<Object> pool = pools.pool();
        ScopepoolMetrics.of(pool).bindTo(registry);
        MeterReads meters = new MeterReads(registry, pool.name());

        assertEquals(0, meters.gauge("scopepool.resources.active"));
        Object r = pool.acquire();
        assertEquals(1, meters.gauge("scopepool.resources.active"));
        pool.release(r);
        assertEquals(0, meters.gauge("scopepool.resources.active"));
    }

    @Test
    void severalPoolsAreEachPublishedUnderTheirOwnName() throws Exception {
        ResourcePool<Object> small = pools.pool(b -> b.max(2));
        ResourcePool<Object> large = pools.pool(b -> b.max(7));
        ScopepoolMetrics.of(List.of(small, large)).bindTo(registry);
        Object r = large.acquire();

        assertEquals(2, new MeterReads(registry, small.name()).gauge("scopepool.resources.max"));
        assertEquals(7, new MeterReads(registry, large.name()).gauge("scopepool.resources.max"));
        assertEquals(0, new MeterReads(registry, small.name()).gauge("scopepool.resources.active"));
        assertEquals(1, new MeterReads(registry, large.name()).gauge("scopepool.resources.active"));
        Set<String> tagged = registry.getMeters().stream().map(m -> m.getId().getTag("pool"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(small.name(), large.name()), tagged);
        large.release(r);
    }

    @Test
    void bindingTheSameRegistryTwiceRegistersNothingMore() {
        ResourcePool<Object> pool = pools.pool();
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        List<Meter> first = registry.getMeters();
        metrics.bindTo(registry);
        assertEquals(first.size(), registry.getMeters().size());
    }

    @Test
    void gaugesKeepReportingWhenNothingElseReferencesTheBinder() throws Exception {
        ResourcePool<Object> pool = pools.pool();
        ScopepoolMetrics.of(pool).bindTo(registry);
        Object r = pool.acquire();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        MeterReads meters = new MeterReads(registry, pool.name());
        assertEquals(1, meters.gauge("scopepool.resources.active"));
        assertEquals(1, meters.counter("scopepool.resources.acquired"));
        pool.release(r);
    }

    @Test
    void badArgumentsAreRejectedWithTheirName() {
        ResourcePool<Object> pool = pools.pool();
        NullPointerException noPool = assertThrows(NullPointerException.class,
                () -> ScopepoolMetrics.of((ResourcePool<?>) null));
        assertTrue(noPool.getMessage().contains("pool"), noPool.getMessage());
        assertThrows(NullPointerException.class, () -> ScopepoolMetrics.of((Iterable<ResourcePool<?>>) null));
        NullPointerException nullElement = assertThrows(NullPointerException.class,
                () -> ScopepoolMetrics.of(Arrays.asList(pool, null)));
        assertTrue(nullElement.getMessage().contains("pools[1]"), nullElement.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ScopepoolMetrics.of(List.of(pool, pool)));
        assertTrue(twice.getMessage().contains(pool.name()), twice.getMessage());
        NullPointerException noRegistry = assertThrows(NullPointerException.class,
                () -> ScopepoolMetrics.of(pool).bindTo(null));
        assertTrue(noRegistry.getMessage().contains("registry"), noRegistry.getMessage());

        ScopepoolMetrics.of(pool).bindTo(registry);
        assertEquals(3, new MeterReads(registry, pool.name()).gauge("scopepool.resources.max"),
                "a binder still works after bad calls");
    }
}
