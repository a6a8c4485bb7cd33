// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Deterministic reproductions of engine bugs the fault-injection stress suite
 * ({@code stress.PoolStressIT}) found, one test each, named for the behaviour now pinned.
 */
class StressRegressionTest {

    private final FakeFactory factory = new FakeFactory();

    /** A health check that takes this long: the resource's behaviour, not synchronisation. */
    private static HealthCheckResult slowlyHealthy(CountDownLatch entered, long nanos) {
        entered.countDown();
        long deadline = System.nanoTime() + nanos;
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
        }
        return HealthCheckResult.ok();
    }

    @Test
    void aCheckOverItsTimeoutIsUnhealthyEvenWhenCheckHealthWasInterrupted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        long timeout = TimeUnit.SECONDS.toNanos(1);
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config()
                .healthCheckTimeout(Duration.ofNanos(timeout))
                .healthCheck(f -> slowlyHealthy(entered, timeout + TimeUnit.MILLISECONDS.toNanos(100))).build())) {
            Fake f = pool.acquire();
            pool.release(f);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    pool.checkHealth();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            caller.start();
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the check started");
            caller.interrupt();
            assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS),
                    "checkHealth() left before the timeout, so nobody timed the check out");
            Poll.until("the check that ran over its timeout counted unhealthy",
                    () -> pool.stats().unhealthy() == 1);
            Poll.until("its resource destroyed", () -> factory.destroyCount(f) == 1);
            assertEquals(0, pool.stats().available());
        }
    }

    @Test
    void anAcquireThatClaimedASlotCloseThenForcedFailsInsteadOfLendingADestroyedResource() throws Exception {
        EnginePool<Fake> pool = (EnginePool<Fake>) ResourcePools.create(factory.config()
                .shutdownTimeout(Duration.ZERO).build());
        Fake f = pool.acquire();
        pool.release(f);
        Slot<Fake> claimed = pool.bag().claim(); // an acquirer won the idle slot, and is preempted
        assertEquals(Slot.BORROWED, claimed.state());
        pool.close(); // with no shutdown timeout, close destroys what is out at once
        assertEquals(1, factory.destroyCount(f));
        assertThrows(PoolClosedException.class, () -> pool.lend(claimed),
                "the acquirer resumes: it must not return a resource close destroyed");
        PoolStats s = pool.stats();
        assertEquals(0, s.acquired() - s.released() - s.invalidated(), "a loan that never happened is not counted: " + s);
        assertEquals(1, factory.destroyCount(f));
    }

    @Test
    void anAsyncAcquireTimesOutOnTimeWhileAPeriodicCheckHangs() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch hang = new CountDownLatch(1);
        long acquireTimeoutMillis = 50;
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1)
                .acquireTimeout(Duration.ofMillis(acquireTimeoutMillis))
                .healthCheckInterval(Duration.ofMillis(10)).healthCheckTimeout(Duration.ofSeconds(30))
                .healthCheck(f -> {
                    entered.countDown();
                    hang.await(30, TimeUnit.SECONDS); // a check that hangs: the resource's behaviour
                    return HealthCheckResult.ok();
                }).build())) {
            pool.release(pool.acquire());
            assertTrue(entered.await(10, TimeUnit.SECONDS), "a periodic check started on the only resource");
            long start = System.nanoTime();
            CompletableFuture<Fake> pending = pool.acquireAsync();
            Throwable failure = null;
            try {
                pending.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failure = e.getCause();
            } catch (java.util.concurrent.TimeoutException stillPending) {
                failure = stillPending;
            } finally {
                hang.countDown();
            }
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(dev.scopepool.AcquireTimeoutException.class, failure,
                    "the async acquire's timer waited behind the hung check on the housekeeper");
            // Bound: the timeout plus ample scheduling slack; the bug waited for the check (30 s).
            assertTrue(waitedMillis < acquireTimeoutMillis + 2_000,
                    "the async acquire timed out " + waitedMillis + "ms after it started");
        }
    }
}
