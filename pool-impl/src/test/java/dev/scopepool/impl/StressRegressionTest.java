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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Deterministic reproductions of engine bugs the fault-injection stress suite
 * ({@code stress.PoolStressTest}) found, one test each, named for the behaviour now pinned.
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
}
