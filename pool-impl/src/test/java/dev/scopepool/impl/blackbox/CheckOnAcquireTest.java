// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checks on acquire, through the public API. Periodic checks are pushed out of the way (one
 * hour apart), so every check counted here was made for an acquire.
 */
class CheckOnAcquireTest {

    /**
     * How far past its timeout a call may return here: a thread woken on time still needs a core,
     * and a machine shared with other builds can keep it waiting for hundreds of milliseconds.
     * An acquire that waited for the hung check would overshoot by the check's 5 s timeout, far
     * more than this.
     */
    private static final long OVERSHOOT_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

    private final FakeFactory factory = new FakeFactory();
    private final Set<Fake> sick = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final CountDownLatch hang = new CountDownLatch(1);
    /** The resource whose checks hang until {@link #hang} opens. */
    private volatile Fake hangs;

    @AfterEach
    void releaseHungChecks() {
        hang.countDown();
    }

    private HealthCheckResult check(Fake f) throws InterruptedException {
        f.checks.incrementAndGet();
        if (f == hangs && !hang.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the hung check");
        }
        return sick.contains(f) ? HealthCheckResult.unhealthy("sick " + f.id) : HealthCheckResult.ok();
    }

    private PoolConfig.Builder<Fake> config(Duration window) {
        return factory.config().healthCheck(this::check).healthCheckInterval(Duration.ofHours(1)).checkOnAcquire(window);
    }

    @Test
    void aZeroWindowChecksBeforeEveryLoan() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(config(Duration.ZERO).max(1).build())) {
            for (int i = 0; i < 3; i++) {
                pool.release(pool.acquire());
            }
            Fake f = factory.createdResources().get(0);
            assertEquals(3, f.checks.get());
            assertEquals(1, factory.created());
        }
    }

    @Test
    void aResourceUsedOrCheckedWithinTheWindowIsLentWithoutACheck() throws Exception {
        Duration window = Duration.ofMillis(300);
        try (ResourcePool<Fake> pool = ResourcePools.create(config(window).max(1).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            pool.release(pool.acquire());
            assertEquals(0, f.checks.get(), "checked though created and returned within the window");

            long returned = System.nanoTime();
            Poll.until("the window passed", () -> System.nanoTime() - returned > window.toNanos() + TimeUnit.MILLISECONDS.toNanos(20));
            assertSame(f, pool.acquire());

            assertEquals(1, f.checks.get(), "not checked after the window");
            pool.release(f);
        }
    }

    @Test
    void aResourceBackFromALoanLongerThanTheWindowIsCheckedBeforeItsNextLoan() throws Exception {
        Duration window = Duration.ofMillis(200);
        try (ResourcePool<Fake> pool = ResourcePools.create(config(window).max(1).build())) {
            Fake f = pool.acquire();
            long lent = System.nanoTime();
            int checksBefore = f.checks.get(); // 0, unless a slow machine let the window pass since creation
            Poll.until("a loan longer than the window", () -> System.nanoTime() - lent > window.toNanos()
                    + TimeUnit.MILLISECONDS.toNanos(20));
            pool.release(f);

            assertSame(f, pool.acquire());
            assertEquals(checksBefore + 1, f.checks.get(), "the window runs from the loan's start: it was"
                    + " neither lent nor checked within it");
            pool.release(f);
        }
    }

    @Test
    void anUnhealthyResourceIsDestroyedAndAcquireGoesOnWithTheNext() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(config(Duration.ZERO).min(2).max(2).build())) {
            pool.initialize();
            Fake bad = factory.createdResources().get(0);
            sick.add(bad);

            Fake a = pool.acquire();
            Fake b = pool.acquire();

            assertNotSame(bad, a);
            assertNotSame(bad, b);
            assertEquals(1, factory.destroyCount(bad));
            assertEquals(1, pool.stats().unhealthy());
            pool.release(a);
            pool.release(b);
        }
    }

    @Test
    void aHungCheckNeverMakesAcquireOvershootItsTimeout() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(config(Duration.ZERO).max(1).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            hangs = f;

            long start = System.nanoTime();
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(200)));
            long took = System.nanoTime() - start;

            assertTrue(took < TimeUnit.MILLISECONDS.toNanos(200) + OVERSHOOT_SLACK_NANOS, "took " + took / 1e6 + "ms");
            hang.countDown();
            Poll.until("the checked resource back in the pool", () -> pool.stats().available() == 1);
            assertEquals(0, factory.destroyCount(f), "a healthy resource was destroyed");
        }
    }

    @Test
    void aCheckOverItsTimeoutIsUnhealthyAndAcquireGetsAnotherResource() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(config(Duration.ZERO).max(2)
                .healthCheckTimeout(Duration.ofMillis(100)).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            hangs = f;

            long start = System.nanoTime();
            Fake other = pool.acquire(Duration.ofSeconds(5));
            long took = System.nanoTime() - start;

            assertNotSame(f, other);
            assertTrue(took < TimeUnit.MILLISECONDS.toNanos(100) + OVERSHOOT_SLACK_NANOS, "took " + took / 1e6 + "ms");
            assertEquals(1, pool.stats().unhealthy());
            hang.countDown();
            Poll.until("the hung resource destroyed once its check returned", () -> factory.destroyCount(f) == 1);
            pool.release(other);
        }
    }

    @Test
    void asynchronousAcquiresAreCheckedToo() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(config(Duration.ZERO).max(1).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            sick.add(f);

            Fake other = pool.acquireAsync().get(10, TimeUnit.SECONDS);

            assertNotSame(f, other);
            assertEquals(1, factory.destroyCount(f));
            pool.release(other);
        }
    }
}
