// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Callers;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResizeAndEvictTest {

    private final FakeFactory factory = new FakeFactory();
    @RegisterExtension
    final Callers callers = new Callers();

    @Test
    void largerMaxServesWaitersAtOnce() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            Fake held = pool.acquire();
            Future<Fake> waiter = callers.submit(() -> pool.acquire(Duration.ofSeconds(10)));
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            pool.resize(0, 2);
            Fake served = waiter.get(10, TimeUnit.SECONDS);
            assertNotSame(held, served);
            assertEquals(2, pool.config().max());
            pool.release(held);
            pool.release(served);
        }
    }

    @Test
    void smallerMaxDestroysIdleSurplusNowAndBorrowedSurplusOnRelease() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(4).build())) {
            Fake a = pool.acquire();
            Fake b = pool.acquire();
            Fake c = pool.acquire();
            Fake d = pool.acquire();
            pool.release(c);
            pool.release(d);
            pool.resize(0, 1);
            assertEquals(1, factory.destroyCount(c));
            assertEquals(1, factory.destroyCount(d));
            PoolStats s = pool.stats();
            assertEquals(2, s.total(), "borrowed surplus is still out");
            pool.release(a);
            assertEquals(1, factory.destroyCount(a), "returning surplus is destroyed");
            pool.release(b);
            assertEquals(0, factory.destroyCount(b), "b fits the new max");
            assertEquals(1, pool.stats().total());
            assertEquals(1, pool.stats().available());
        }
    }

    @Test
    void returningSurplusIsDestroyedBeforeAnyWaiterIsServed() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).build())) {
            Fake a = pool.acquire();
            Fake b = pool.acquire();
            pool.resize(0, 1);
            Future<Fake> waiter = callers.submit(() -> pool.acquire(Duration.ofSeconds(10)));
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            pool.release(a);
            assertEquals(1, factory.destroyCount(a), "surplus destroyed, not handed over");
            assertEquals(1, pool.stats().waiting(), "the waiter still waits");
            pool.release(b);
            assertSame(b, waiter.get(10, TimeUnit.SECONDS));
            assertTrue(pool.stats().total() + pool.stats().creating() <= 1);
            pool.release(b);
        }
    }

    @Test
    void largerMinFillsInTheBackgroundEvenIfThePoolWasNeverUsed() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(5).build())) {
            pool.resize(3, 5);
            Poll.until("filled to the new min", () -> pool.stats().available() == 3);
            assertEquals(3, pool.config().min());
        }
    }

    @Test
    void invalidResizeIsRejectedAndLeavesThePoolUnchanged() throws Exception {
        List<String> resizes = new CopyOnWriteArrayList<>();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(1).max(3).listener(new PoolListener() {
            @Override
            public void resized(String p, int min, int max) {
                resizes.add(min + ".." + max);
            }
        }).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.resize(5, 2));
            assertTrue(e.getMessage().contains("min"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.resize(0, 0));
            assertThrows(IllegalArgumentException.class, () -> pool.resize(-1, 3));
            assertEquals(1, pool.config().min());
            assertEquals(3, pool.config().max());
            assertEquals(List.of(), resizes);
            pool.resize(0, 4);
            assertEquals(List.of("0..4"), resizes);
            pool.release(pool.acquire());
        }
    }

    @Test
    void configReflectsResizeAndKeepsThePoolsName() {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            pool.resize(2, 7);
            assertEquals(pool.name(), pool.config().name());
            assertEquals(2, pool.config().min());
            assertEquals(7, pool.config().max());
        }
    }

    @Test
    void evictIdleDestroysEveryIdleResourceAndRefillsToMinWithFreshOnes() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(2).max(4).build())) {
            pool.initialize();
            Fake borrowed = pool.acquire();
            List<Fake> before = factory.createdResources();
            int idleBefore = pool.stats().available();
            assertEquals(idleBefore, pool.evictIdle());
            for (Fake f : before) {
                assertEquals(f == borrowed ? 0 : 1, factory.destroyCount(f), f.toString());
            }
            Poll.until("refilled to min", () -> pool.stats().total() == 2);
            pool.release(borrowed);
        }
    }

    @Test
    void initializeCreatesUpToMinAndWaits() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(3).max(5).build())) {
            pool.initialize();
            assertEquals(3, pool.stats().available());
            pool.initialize();
            assertEquals(3, factory.created(), "already at min: nothing more");
        }
    }

    @Test
    void initializeWaitsForABackgroundFillAlreadyUnderWay() throws Exception {
        factory.closeGate();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).build())) {
            pool.resize(1, 2); // starts the background fill, held at the gate
            factory.awaitGateReached();
            Future<?> init = callers.submit(() -> {
                pool.initialize();
                return null;
            });
            Poll.until("initialize reserved nothing of its own and is waiting",
                    () -> factory.createCalls.get() == 1 && !init.isDone());
            factory.openGate();
            init.get(10, TimeUnit.SECONDS);
            assertEquals(1, pool.stats().available(), "initialize returned with min resources idle");
            assertEquals(1, factory.created());
        }
    }
}
