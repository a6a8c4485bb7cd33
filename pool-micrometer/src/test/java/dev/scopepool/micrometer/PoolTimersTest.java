// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolListener;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timers record what the engine reports: acquires that had to wait and {@code create}
 * calls, on pools built without any listener of the binder's, bound after they were built.
 */
class PoolTimersTest {

    private static final String WAIT = "scopepool.resources.acquire.wait";
    private static final String CREATION = "scopepool.resources.creation";

    private final TestPools pools = new TestPools();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closePools() {
        pools.close();
    }

    @Test
    void acquireWaitTimerRecordsEveryWaitServedOrNotOnAPoolBuiltWithoutListeners() throws Exception {
        ResourcePool<Object> pool = pools.pool(b -> b.max(1));
        assertEquals(List.of(), pool.config().listeners(), "built without any listener");
        ScopepoolMetrics.of(pool).bindTo(registry);

        pool.release(pool.acquire()); // waits for the creation: served
        Object held = pool.acquire(); // the idle resource, at once: not a wait
        assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(20)));
        pool.release(held);

        Timer wait = new MeterReads(registry, pool.name()).timer(WAIT);
        assertEquals(2, wait.count(), "the acquire served by a creation and the timed-out one waited; the idle loan did not");
        assertTrue(wait.max(TimeUnit.MILLISECONDS) >= 20, "the timeout waited out its 20 ms: " + wait.max(TimeUnit.MILLISECONDS));
    }

    @Test
    void creationTimerRecordsSuccessfulAndFailedCreations() throws Exception {
        AtomicBoolean fail = new AtomicBoolean();
        ResourcePool<Object> pool = pools.pool(b -> b.max(2).create(() -> {
            if (fail.get()) {
                throw new IllegalStateException("database down");
            }
            return new Object();
        }));
        ScopepoolMetrics.of(pool).bindTo(registry);

        Object first = pool.acquire();
        fail.set(true);
        assertThrows(ResourceCreationException.class, () -> pool.acquire(Duration.ofSeconds(5)));
        pool.release(first);

        Timer creation = new MeterReads(registry, pool.name()).timer(CREATION);
        assertEquals(2, creation.count(), "one creation succeeded, one failed; both count");
    }

    @Test
    void twoPoolsBoundTogetherKeepTheirTimersApart() throws Exception {
        ResourcePool<Object> a = pools.pool();
        ResourcePool<Object> b = pools.pool();
        ScopepoolMetrics.of(List.of(a, b)).bindTo(registry);

        a.release(a.acquire());

        assertEquals(1, new MeterReads(registry, a.name()).timer(CREATION).count());
        assertEquals(0, new MeterReads(registry, b.name()).timer(CREATION).count());
    }

    @Test
    void everyBoundRegistryRecordsTheEvent() throws Exception {
        ResourcePool<Object> pool = pools.pool();
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        metrics.bindTo(other);

        pool.release(pool.acquire());

        assertEquals(1, new MeterReads(registry, pool.name()).timer(CREATION).count());
        assertEquals(1, new MeterReads(other, pool.name()).timer(CREATION).count());
    }

    @Test
    void eventsAfterTheBinderClosedRecordNothing() throws Exception {
        ResourcePool<Object> pool = pools.pool();
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        Timer creation = new MeterReads(registry, pool.name()).timer(CREATION);
        metrics.close();

        pool.release(pool.acquire());
        assertEquals(0, creation.count(), "the closed binder no longer listens");
    }

    @Test
    void theBinderLeavesTheApplicationsOwnListenersAlone() throws Exception {
        AtomicBoolean heard = new AtomicBoolean();
        ResourcePool<Object> pool = pools.pool(b -> b.listener(new PoolListener() {
            @Override
            public void creationEnded(String p, long nanos, Throwable failure) {
                heard.set(true);
            }
        }));
        ScopepoolMetrics metrics = ScopepoolMetrics.of(pool);
        metrics.bindTo(registry);
        metrics.close();

        pool.release(pool.acquire());
        assertTrue(heard.get(), "the configured listener still hears the creation");
    }
}
