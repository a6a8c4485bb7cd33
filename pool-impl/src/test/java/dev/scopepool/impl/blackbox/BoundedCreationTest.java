// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolStats;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BoundedCreationTest {

    /** Housekeeper, health checkers, async deliverers: the threads a pool may have besides its creators. */
    private static final int FIXED_THREADS = 5;

    @RegisterExtension
    final Callers callers = new Callers();

    private final FakeFactory factory = new FakeFactory();

    @Test
    void atMostMaxConcurrentCreatesRunAtOnceAndTheRestQueueAsCreating() throws Exception {
        factory.closeGate();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(10).maxConcurrentCreates(2).build())) {
            List<CompletableFuture<Fake>> acquires = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                acquires.add(pool.acquireAsync());
            }
            Poll.until("ten creations reserved", () -> pool.stats().creating() == 10);
            Poll.until("two creations at the gate", () -> factory.createCalls.get() == 2);
            PoolStats queued = pool.stats();
            assertTrue(queued.total() + queued.creating() <= 10, queued::toString);
            factory.openGate();
            List<Fake> served = new ArrayList<>();
            for (CompletableFuture<Fake> a : acquires) {
                served.add(a.get(10, TimeUnit.SECONDS)); // held: a release would serve a waiter instead
            }
            served.forEach(pool::release);
            assertEquals(10, factory.createCalls.get());
            assertEquals(2, factory.mostConcurrentCreates.get(), "create calls inside create at once");
        }
    }

    @Test
    void aShrinkCancelsQueuedCreationsAndStopsTheFill() throws Exception {
        factory.closeGate();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            pool.resize(5000, 5000);
            factory.awaitGateReached();
            pool.resize(2, 3);
            factory.openGate();
            Poll.until("the fill settled", pool::stats, s -> s.creating() == 0 && s.total() == 3);
            assertEquals(4, factory.createCalls.get(), "only the creations already running when the pool shrank");
            assertEquals(3, pool.stats().total());
        }
    }

    @Test
    void aHugeResizeReturnsAtOnceAndStartsNoMoreThreadsThanTheBound() throws Exception {
        factory.closeGate();
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("huge-resize").build());
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> pool.resize(100_000, 100_000));
            factory.awaitGateReached();
            Poll.until("four creations running", () -> factory.createCalls.get() == 4);
            assertTrue(poolThreads("huge-resize") <= 4 + FIXED_THREADS, () -> "threads: " + poolThreads("huge-resize"));
            assertEquals(4, pool.stats().creating(), "the fill reserves only what can start");
        } finally {
            long start = System.nanoTime();
            pool.close(); // the four creations are held at the gate and end when interrupted
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 200 + 2_000, "close took " + tookMillis + "ms");
            assertEquals(0, poolThreads("huge-resize"));
            factory.openGate();
        }
    }

    @Test
    void manyAcquiresThatDoNotWaitStartNoMoreThreadsThanTheBound() throws Exception {
        factory.closeGate();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("no-wait").max(100_000).build())) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> callersDone = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                callersDone.add(callers.submit(() -> {
                    go.await();
                    int failed = 0;
                    for (int i = 0; i < 200; i++) {
                        try {
                            pool.acquire(Duration.ZERO);
                        } catch (AcquireTimeoutException expected) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            go.countDown();
            for (Future<Integer> f : callersDone) {
                assertEquals(200, f.get(10, TimeUnit.SECONDS));
            }
            assertTrue(poolThreads("no-wait") <= 4 + FIXED_THREADS, () -> "threads: " + poolThreads("no-wait"));
            assertTrue(pool.stats().creating() <= 4, () -> pool.stats().toString());
            factory.openGate();
        }
    }

    @Test
    void closeDuringAFillReturnsAndLeavesNoPoolThread() throws Exception {
        factory.closeGate();
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("close-fill").min(50).max(50).build());
        pool.resize(50, 50);
        factory.awaitGateReached();
        long start = System.nanoTime();
        pool.close();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMillis < 200 + 2_000, "close took " + tookMillis + "ms");
        assertEquals(0, poolThreads("close-fill"));
        assertThrows(dev.scopepool.PoolClosedException.class, () -> pool.acquire(Duration.ZERO));
        Poll.until("nothing left creating", () -> pool.stats().creating() == 0);
        factory.openGate();
    }

    static int poolThreads(String pool) {
        String prefix = "scopepool-" + pool + "-";
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
