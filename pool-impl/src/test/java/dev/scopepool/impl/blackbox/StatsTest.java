// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatsTest {

    private final FakeFactory factory = new FakeFactory();

    @Test
    void quietPoolCountsAddUp() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(1).max(5).build())) {
            List<Fake> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(pool.acquire());
            }
            pool.release(held.remove(0));
            pool.invalidate(held.remove(0));
            Poll.until("quiet", () -> pool.stats().creating() == 0);
            PoolStats s = pool.stats();
            assertEquals(2, s.inUse());
            assertEquals(s.total(), s.available() + s.inUse());
            assertEquals(s.inUse(), s.acquired() - s.released() - s.invalidated());
            assertEquals(s.total(), s.created() - s.destroyed());
            assertEquals(4, s.acquired());
            assertEquals(1, s.released());
            assertEquals(1, s.invalidated());
            for (Fake f : held) {
                pool.release(f);
            }
            PoolStats after = pool.stats();
            assertEquals(0, after.inUse());
            assertEquals(after.total(), after.available());
        }
    }

    @Test
    void waitingAndCreatingAreVisible() throws Exception {
        factory.closeGate();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).build())) {
            var pending = pool.acquireAsync();
            factory.awaitGateReached();
            PoolStats s = pool.stats();
            assertEquals(1, s.creating());
            assertEquals(1, s.waiting());
            assertTrue(s.total() + s.creating() <= 1);
            factory.openGate();
            pool.release(pending.get(10, TimeUnit.SECONDS));
            assertEquals(0, pool.stats().waiting());
        }
    }

    @Test
    void everySnapshotKeepsTotalPlusCreatingWithinMaxUnderLoad() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(3).build())) {
            List<Thread> workers = new ArrayList<>();
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread w = new Thread(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        try {
                            Fake f = pool.acquire(Duration.ofSeconds(5));
                            if (i % 50 == 0) {
                                pool.invalidate(f);
                            } else {
                                pool.release(f);
                            }
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                w.setUncaughtExceptionHandler((thread, e) -> errors.add(e));
                workers.add(w);
                w.start();
            }
            while (workers.stream().anyMatch(Thread::isAlive)) {
                PoolStats s = pool.stats();
                assertTrue(s.total() + s.creating() <= 3, s.toString());
                Thread.onSpinWait();
            }
            for (Thread w : workers) {
                w.join(10_000);
            }
            assertEquals(List.of(), errors, "no borrower saw an error");
            Poll.until("quiet", () -> pool.stats().creating() == 0);
            PoolStats s = pool.stats();
            assertEquals(8_000, s.acquired());
            assertEquals(s.inUse(), s.acquired() - s.released() - s.invalidated());
            assertEquals(s.total(), s.created() - s.destroyed());
            assertEquals(s.total(), s.available() + s.inUse());
        }
    }
}
