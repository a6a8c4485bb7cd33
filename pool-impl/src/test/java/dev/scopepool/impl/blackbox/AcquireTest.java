// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Callers;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AcquireTest {

    private final FakeFactory factory = new FakeFactory();
    @RegisterExtension
    final Callers callers = new Callers();

    @AfterEach
    void openGate() {
        factory.openGate();
    }

    @Test
    void idleResourceIsReusedWithoutCreating() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(3).build())) {
            Fake first = pool.acquire();
            pool.release(first);
            Fake second = pool.acquire();
            assertSame(first, second);
            assertEquals(1, factory.created());
            pool.release(second);
        }
    }

    @Test
    void createsUpToMaxThenTimesOut() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("upto-max").max(2).build())) {
            Fake a = pool.acquire();
            Fake b = pool.acquire();
            assertNotSame(a, b);
            AcquireTimeoutException e = assertThrows(AcquireTimeoutException.class,
                    () -> pool.acquire(Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("Acquire timeout after 50ms"), e.getMessage());
            assertTrue(e.getMessage().contains("upto-max"), e.getMessage());
            assertEquals(2, factory.created());
            PoolStats s = pool.stats();
            assertEquals(1, s.timeouts());
            assertTrue(s.maxAcquireWaitMillis() >= 50, "max wait recorded: " + s);
            assertEquals(0, s.waiting(), "the timed-out caller left the queue");
        }
    }

    @Test
    void zeroTimeoutNeverWaitsButStartsABackgroundCreation() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO));
            Poll.until("the background creation left a resource idle", () -> pool.stats().available() == 1);
            Fake f = pool.acquire(Duration.ZERO);
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO),
                    "at max with nothing idle");
            assertEquals(2, pool.stats().timeouts());
            pool.release(f);
        }
    }

    @Test
    void configuredZeroTimeoutBehavesLikeDurationZero() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(
                factory.config().max(1).acquireTimeout(Duration.ZERO).build())) {
            AcquireTimeoutException e = assertThrows(AcquireTimeoutException.class, pool::acquire);
            assertTrue(e.getMessage().contains("Acquire timeout after 0ms"), e.getMessage());
        }
    }

    @Test
    void timeoutHoldsWhileCreateHangs() throws Exception {
        factory.closeGate();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            long start = System.nanoTime();
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(100)));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMillis < 5_000, "returned while create still hangs, after " + waitedMillis + "ms");
            assertEquals(1, pool.stats().creating());
            factory.openGate();
            Poll.until("the resource created for the caller that gave up is idle",
                    () -> pool.stats().available() == 1);
            assertEquals(1, pool.stats().total());
        }
    }

    @Test
    void failedCreationFailsItsCallerAtOnceAndFreesTheCapacity() throws Exception {
        factory.failCreates.set(1);
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            ResourceCreationException e = assertThrows(ResourceCreationException.class,
                    () -> pool.acquire(Duration.ofSeconds(10)));
            assertInstanceOf(java.io.IOException.class, e.getCause());
            assertEquals(0, pool.stats().creating());
            assertEquals(1, pool.stats().createFailures());
            Fake f = pool.acquire(Duration.ofSeconds(5));
            assertEquals(1, pool.stats().total(), "the failed creation left no capacity behind");
            pool.release(f);
        }
    }

    @Test
    void firstAcquireFillsToMinButWaitsOnlyForItsOwn() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(3).max(5).build())) {
            assertEquals(0, factory.created(), "nothing is created before first use");
            Fake f = pool.acquire();
            Poll.until("pool filled to min", () -> pool.stats().total() == 3);
            assertEquals(3, factory.created(), "the caller's own resource counts toward min");
            pool.release(f);
        }
    }

    @Test
    void waitersAreServedOldestFirst() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            Fake held = pool.acquire();
            List<Future<Fake>> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(callers.submit(() -> pool.acquire(Duration.ofSeconds(10))));
                int expected = i + 1;
                Poll.until(expected + " waiting", () -> pool.stats().waiting() == expected);
            }
            pool.release(held);
            Fake first = waiters.get(0).get(10, TimeUnit.SECONDS);
            assertSame(held, first);
            assertEquals(2, pool.stats().waiting(), "only the oldest was served");
            pool.release(first);
            Fake second = waiters.get(1).get(10, TimeUnit.SECONDS);
            assertTrue(!waiters.get(2).isDone(), "the youngest still waits");
            pool.release(second);
            pool.release(waiters.get(2).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void interruptedWaiterLeavesTheQueueAndLosesNothing() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            Fake held = pool.acquire();
            Future<Fake> waiter = callers.submit(() -> pool.acquire(Duration.ofSeconds(30)));
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            waiter.cancel(true);
            Poll.until("the interrupted waiter left", () -> pool.stats().waiting() == 0);
            pool.release(held);
            assertEquals(1, pool.stats().available(), "the resource went idle, not to the gone waiter");
            assertSame(held, pool.acquire(Duration.ZERO));
            pool.release(held);
        }
    }

    @Test
    void interruptedWaiterThrowsInterruptedException() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            Fake held = pool.acquire();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    pool.acquire(Duration.ofSeconds(30));
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            t.start();
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            t.interrupt();
            assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
            pool.release(held);
        }
    }

    @Test
    void suspendedPoolMakesAcquirersWaitUntilResume() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).build())) {
            pool.release(pool.acquire());
            pool.suspend();
            assertTrue(pool.isSuspended());
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO),
                    "a zero timeout fails at once while suspended");
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(30)),
                    "the timeout still applies while suspended");
            Future<Fake> waiter = callers.submit(() -> pool.acquire(Duration.ofSeconds(10)));
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            assertEquals(1, pool.stats().available(), "the idle resource is not lent while suspended");
            pool.resume();
            Fake f = waiter.get(10, TimeUnit.SECONDS);
            assertEquals(1, factory.created(), "the idle resource served the waiter");
            pool.release(f);
        }
    }

    @Test
    void acquireAsyncCompletesWhenAResourceIsReleased() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            Fake held = pool.acquire();
            CompletableFuture<Fake> pending = pool.acquireAsync();
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            assertTrue(!pending.isDone());
            pool.release(held);
            assertSame(held, pending.get(10, TimeUnit.SECONDS));
            pool.release(held);
        }
    }

    @Test
    void acquireAsyncTimesOutWithTheConfiguredTimeout() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(
                factory.config().max(1).acquireTimeout(Duration.ofMillis(50)).build())) {
            Fake held = pool.acquire(Duration.ofSeconds(5));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pool.acquireAsync().get(10, TimeUnit.SECONDS));
            assertInstanceOf(AcquireTimeoutException.class, e.getCause());
            assertEquals(0, pool.stats().waiting());
            pool.release(held);
        }
    }

    @Test
    void cancelledAsyncAcquireGivesItsResourceBack() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            Fake held = pool.acquire();
            CompletableFuture<Fake> pending = pool.acquireAsync();
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            pending.cancel(false);
            Poll.until("the cancelled waiter left", () -> pool.stats().waiting() == 0);
            pool.release(held);
            assertSame(held, pool.acquire(Duration.ZERO), "nothing was lost to the cancelled future");
            pool.release(held);
        }
    }

    @Test
    void asyncMethodsOnAClosedPoolReturnFailedFutures() {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().build());
        pool.close();
        CompletableFuture<Fake> f = pool.acquireAsync();
        assertTrue(f.isCompletedExceptionally());
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(PoolClosedException.class, e.getCause());
        CompletableFuture<String> g = pool.executeAsync(r -> CompletableFuture.completedFuture("x"));
        ExecutionException e2 = assertThrows(ExecutionException.class, () -> g.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PoolClosedException.class, e2.getCause());
    }

    @Test
    void negativeOrNullTimeoutIsRejectedAndThePoolKeepsWorking() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.acquire(Duration.ofMillis(-1)));
            assertTrue(e.getMessage().contains("timeout"), e.getMessage());
            assertThrows(NullPointerException.class, () -> pool.acquire(null));
            pool.release(pool.acquire());
            assertEquals(1, pool.stats().acquired());
        }
    }

    @Test
    void resourcesAreTrackedByIdentityNotEquals() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(3).build())) {
            Fake a = pool.acquire();
            Fake b = pool.acquire();
            assertNotSame(a, b);
            assertEquals(a, b, "Fakes are all equal by design");
            pool.release(a);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.release(new Fake(99)), "an equal but foreign resource is foreign");
            assertTrue(e.getMessage().contains("does not hold"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> pool.release(a), "a is already back");
            pool.release(b);
            assertEquals(2, pool.stats().available());
        }
    }
}
