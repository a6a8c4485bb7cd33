// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import dev.scopepool.impl.testkit.Stubborn;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    private final FakeFactory factory = new FakeFactory();
    private final Set<Fake> sick = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Set<Fake> checked = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final PoolListener recorder = new PoolListener() {
        @Override
        public void healthCheckFailed(String pool, String message) {
            failures.add(message);
        }
    };

    private HealthCheckResult verdict(Fake f) {
        checked.add(f);
        return sick.contains(f) ? HealthCheckResult.unhealthy("sick " + f.id) : HealthCheckResult.ok();
    }

    @Test
    void withoutAHealthCheckNothingIsChecked() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            pool.release(pool.acquire());
            assertEquals(0, pool.checkHealth());
            assertFalse(pool.stats().healthChecksEnabled());
        }
    }

    @Test
    void onlyIdleResourcesAreCheckedAndUnhealthyOnesReplaced() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(2).max(3)
                .healthCheck(this::verdict).listener(recorder).build())) {
            Fake borrowed = pool.acquire();
            Poll.until("filled to min", () -> pool.stats().total() == 2);
            Fake idle = factory.createdResources().stream().filter(f -> f != borrowed).findFirst().orElseThrow();
            sick.add(idle);
            sick.add(borrowed);
            assertEquals(1, pool.checkHealth());
            assertFalse(checked.contains(borrowed), "a borrowed resource is never checked");
            assertEquals(1, factory.destroyCount(idle));
            assertEquals(0, factory.destroyCount(borrowed));
            assertEquals(1, pool.stats().unhealthy());
            assertEquals(List.of("sick " + idle.id), failures);
            Poll.until("refilled to min", () -> pool.stats().total() == 2);
            pool.release(borrowed);
        }
    }

    @Test
    void anExceptionIsUnhealthyWithItsToStringAsMessage() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config()
                .healthCheck(f -> {
                    throw new IllegalStateException("socket reset");
                }).listener(recorder).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            assertEquals(1, pool.checkHealth());
            assertEquals(List.of("java.lang.IllegalStateException: socket reset"), failures);
            assertEquals(1, factory.destroyCount(f));
            assertEquals(0, pool.stats().total());
        }
    }

    @Test
    void aHungCheckIsInterruptedAtTheTimeoutSoAnInterruptibleOneIsDestroyedThen() throws Exception {
        HungCheck hung = new HungCheck();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(1).max(1)
                .healthCheckTimeout(Duration.ofMillis(100)).listener(recorder)
                .healthCheck(hung).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            long start = System.nanoTime();
            assertEquals(1, pool.checkHealth(), "the hung check is counted as removed");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000, "did not wait for the hung check");
            assertEquals(List.of("health check timed out after 100ms"), failures);
            Poll.until("destroyed when the interrupted check returned", () -> factory.destroyCount(f) == 1);
            Poll.until("refilled after the destruction", () -> pool.stats().available() == 1);
            assertNotSame(f, pool.acquire(Duration.ZERO));
            assertEquals(0, pool.stats().abandoned(), "it returned before it could be abandoned");
        }
    }

    @Test
    void aCheckHungThroughInterruptsIsAbandonedAfterAnotherTimeoutAndThePoolRefills() throws Exception {
        Stubborn stubborn = new Stubborn();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(2).max(2)
                .healthCheckTimeout(Duration.ofMillis(300)).listener(recorder)
                .healthCheck(r -> {
                    stubborn.hang();
                    return HealthCheckResult.ok();
                }).build())) {
            pool.initialize();
            List<Fake> first = factory.createdResources();
            assertEquals(2, pool.checkHealth());
            Poll.until("both checks interrupted", stubborn::wasInterrupted);
            Poll.until("abandoned and refilled", pool::stats,
                    s -> s.abandoned() == 2 && s.total() == 2 && s.available() == 2 && s.creating() == 0);
            assertEquals(2, pool.stats().unhealthy());
            Fake fresh = pool.acquire(Duration.ZERO);
            assertTrue(first.stream().noneMatch(f -> f == fresh), "a fresh resource, not an abandoned one");
            pool.release(fresh);
            assertEquals(0, factory.destroyCount(first.get(0)), "destroyed only when its check returns");

            stubborn.letGo();
            Poll.until("the abandoned resources destroyed", () -> first.stream().allMatch(f -> factory.destroyCount(f) == 1));
            PoolStats s = pool.stats();
            assertEquals(2, s.total());
            assertEquals(s.total(), s.created() - s.destroyed());
        }
    }

    @Test
    void aResourceUnderCheckCannotBeAcquired() throws Exception {
        HungCheck hung = new HungCheck();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1)
                .healthCheck(hung).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            Thread checker = new Thread(() -> {
                try {
                    pool.checkHealth();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            checker.start();
            assertTrue(hung.entered.await(10, TimeUnit.SECONDS));
            assertTrue(pool.stats().available() == 0);
            org.junit.jupiter.api.Assertions.assertThrows(dev.scopepool.AcquireTimeoutException.class,
                    () -> pool.acquire(Duration.ZERO));
            hung.hang.countDown();
            checker.join(10_000);
            org.junit.jupiter.api.Assertions.assertSame(f, pool.acquire(Duration.ofSeconds(5)));
        }
    }

    @Test
    void periodicChecksRunOnAPoolThreadAfterOneInterval() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        String[] thread = new String[1];
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("periodic")
                .healthCheckInterval(Duration.ofMillis(50))
                .healthCheck(f -> {
                    thread[0] = Thread.currentThread().getName();
                    sick.add(f);
                    ran.countDown();
                    return HealthCheckResult.unhealthy("expired");
                }).build())) {
            pool.release(pool.acquire());
            assertTrue(ran.await(10, TimeUnit.SECONDS), "a periodic check ran");
            assertTrue(thread[0].startsWith("scopepool-periodic-"), thread[0]);
            Poll.until("the unhealthy resource was removed", () -> pool.stats().unhealthy() == 1);
            assertTrue(pool.stats().healthChecksEnabled());
        }
    }

    @Test
    void aFailingCheckOnOneResourceLeavesTheOthersAlone() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(3)
                .healthCheck(this::verdict).build())) {
            Fake a = pool.acquire();
            Fake b = pool.acquire();
            Fake c = pool.acquire();
            pool.release(a);
            pool.release(b);
            pool.release(c);
            sick.add(b);
            assertEquals(1, pool.checkHealth());
            assertEquals(2, pool.stats().available());
            assertEquals(0, factory.destroyCount(a));
            assertEquals(0, factory.destroyCount(c));
            assertEquals(3, checked.size());
        }
    }

    /** A healthy verdict that is held until {@link #hang} opens; {@link #entered} says the check began. */
    private static final class HungCheck implements dev.scopepool.HealthCheck<Fake> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch hang = new CountDownLatch(1);

        @Override
        public HealthCheckResult check(Fake resource) throws InterruptedException {
            entered.countDown();
            hang.await(30, TimeUnit.SECONDS);
            return HealthCheckResult.ok();
        }
    }
}
