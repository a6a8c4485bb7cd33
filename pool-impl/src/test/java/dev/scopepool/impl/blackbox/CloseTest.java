// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Callers;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CloseTest {

    private final FakeFactory factory = new FakeFactory();
    @RegisterExtension
    final Callers callers = new Callers();

    @AfterEach
    void openGate() {
        factory.openGate();
    }

    @Test
    void closeIsIdempotentAndDestroysIdleResources() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(2).build());
        pool.initialize();
        pool.close();
        pool.close();
        assertTrue(pool.isClosed());
        assertEquals(2, factory.destroyed());
        factory.assertEachDestroyedOnce();
        PoolStats s = pool.stats();
        assertEquals(0, s.total());
        assertEquals(2, s.destroyed());
    }

    @Test
    void closeFailsEveryWaiterAtOnce() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).shutdownTimeout(Duration.ZERO).build());
        pool.acquire();
        Future<Fake> blocked = callers.submit(() -> pool.acquire(Duration.ofSeconds(30)));
        CompletableFuture<Fake> async = pool.acquireAsync();
        Poll.until("two waiting", () -> pool.stats().waiting() == 2);
        pool.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PoolClosedException.class, e.getCause());
        ExecutionException e2 = assertThrows(ExecutionException.class, () -> async.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PoolClosedException.class, e2.getCause());
    }

    @Test
    void afterCloseAcquireAndInitializeFailButStatsAnswer() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().build());
        pool.release(pool.acquire());
        pool.close();
        assertThrows(PoolClosedException.class, pool::acquire);
        assertThrows(PoolClosedException.class, () -> pool.acquire(Duration.ZERO));
        assertThrows(PoolClosedException.class, pool::initialize);
        assertThrows(PoolClosedException.class, pool::lease);
        assertEquals(1, pool.stats().acquired());
        assertEquals(1, pool.stats().destroyed());
    }

    @Test
    void closeWaitsForBorrowedResourcesThenDestroysThemAsInvalidated() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().shutdownTimeout(Duration.ofMillis(100)).build());
        Fake kept = pool.acquire();
        long start = System.nanoTime();
        pool.close();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 100, "waited the shutdown timeout");
        assertEquals(1, factory.destroyCount(kept));
        PoolStats s = pool.stats();
        assertEquals(1, s.invalidated(), "a force-destroyed loan counts as invalidated");
        assertEquals(0, s.inUse());
        assertEquals(s.inUse(), s.acquired() - s.released() - s.invalidated());
        pool.release(kept);
        assertEquals(1, factory.destroyCount(kept), "a later release is ignored");
    }

    @Test
    void cancelFailsWaitersWithTheReasonAsCause() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).shutdownTimeout(Duration.ZERO).build());
        pool.acquire();
        Future<Fake> blocked = callers.submit(() -> pool.acquire(Duration.ofSeconds(30)));
        Poll.until("one waiting", () -> pool.stats().waiting() == 1);
        IllegalStateException reason = new IllegalStateException("database failover");
        pool.cancel(reason);
        ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PoolClosedException.class, e.getCause());
        assertSame(reason, e.getCause().getCause());
        PoolClosedException later = assertThrows(PoolClosedException.class, pool::acquire);
        assertSame(reason, later.getCause());
        pool.cancel(new RuntimeException("ignored"));
        assertSame(reason, assertThrows(PoolClosedException.class, pool::acquire).getCause(),
                "cancel on a closed pool changes nothing");
    }

    @Test
    void destroyFailuresAreCountedNeverThrown() throws Exception {
        factory.failDestroys = true;
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).build());
        Fake a = pool.acquire();
        Fake b = pool.acquire();
        pool.invalidate(a);
        pool.release(b);
        pool.close();
        PoolStats s = pool.stats();
        assertEquals(2, s.destroyFailures());
        assertEquals(2, s.destroyed());
        factory.assertEachDestroyedOnce();
    }

    @Test
    void noPoolThreadOutlivesClose() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("threads-end").min(2).max(4)
                .healthCheck(f -> dev.scopepool.HealthCheckResult.ok())
                .healthCheckInterval(Duration.ofMillis(20))
                .leakDetectionThreshold(Duration.ofSeconds(10)).build());
        pool.initialize();
        pool.release(pool.acquireAsync().get(10, TimeUnit.SECONDS));
        pool.checkHealth();
        assertTrue(poolThreads("threads-end") > 0, "the pool started threads");
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("scopepool-threads-end-")) {
                assertTrue(t.isDaemon(), t.getName() + " is a daemon");
            }
        }
        pool.close();
        assertEquals(0, poolThreads("threads-end"), "threads alive after close");
    }

    @Test
    void aCreationInFlightAtCloseIsDestroyedWhenItCompletes() throws Exception {
        factory.closeGate();
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().shutdownTimeout(Duration.ofSeconds(10)).build());
        Future<Fake> caller = callers.submit(() -> pool.acquire(Duration.ofSeconds(30)));
        factory.awaitGateReached();
        Thread closer = new Thread(pool::close);
        closer.start();
        Poll.until("closing", pool::isClosed);
        factory.openGate();
        closer.join(10_000);
        assertTrue(!closer.isAlive());
        ExecutionException e = assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PoolClosedException.class, e.getCause());
        factory.assertEachDestroyedOnce();
        assertEquals(0, pool.stats().creating());
    }

    private static long poolThreads(String pool) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("scopepool-" + pool + "-")).count();
    }
}
