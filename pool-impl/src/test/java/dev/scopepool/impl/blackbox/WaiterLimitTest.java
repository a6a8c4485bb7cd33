// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolOverloadedException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** maxWaiters: how many callers may wait, what the others get, and that the limit is exact. */
class WaiterLimitTest {

    private final FakeFactory factory = new FakeFactory();
    private final AtomicInteger rejectedHeard = new AtomicInteger();
    private final PoolListener listener = new PoolListener() {
        @Override
        public void rejected(String pool) {
            rejectedHeard.incrementAndGet();
        }
    };
    @RegisterExtension
    final Callers callers = new Callers();

    @Test
    void anAcquireBeyondTheLimitIsRefusedAtOnceCountedAndHeard() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("overloaded").max(1).maxWaiters(2)
                .acquireTimeout(Duration.ofSeconds(30)).listener(listener).build())) {
            Fake held = pool.acquire();
            Future<Fake> first = callers.submit(() -> pool.acquire());
            Poll.until("one caller waits", () -> pool.stats().waiting() == 1);
            CompletableFuture<Fake> second = pool.acquireAsync();
            Poll.until("two callers wait", () -> pool.stats().waiting() == 2);

            PoolOverloadedException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(PoolOverloadedException.class, () -> pool.acquire()),
                    "refused at once, not after the 30 s timeout");
            assertTrue(refused.getMessage().contains("overloaded") && refused.getMessage().contains("2"),
                    "names the pool and the limit: " + refused.getMessage());
            CompletableFuture<Fake> async = pool.acquireAsync();
            assertTrue(async.isCompletedExceptionally(), "the async form fails its future at once");
            ExecutionException e = assertThrows(ExecutionException.class, () -> async.get(1, TimeUnit.SECONDS));
            assertInstanceOf(PoolOverloadedException.class, e.getCause());
            CompletableFuture<String> work = pool.executeAsync(f -> CompletableFuture.completedFuture("never"));
            assertInstanceOf(PoolOverloadedException.class,
                    assertThrows(ExecutionException.class, () -> work.get(1, TimeUnit.SECONDS)).getCause());

            PoolStats s = pool.stats();
            assertEquals(3, s.rejected(), s::toString);
            assertEquals(3, rejectedHeard.get());
            assertEquals(2, s.waiting(), "the refused callers never queued");
            assertEquals(0, s.timeouts(), "a refusal is not a timeout");

            pool.release(held); // the pool goes on: waiters are served in order
            Fake next = first.get(5, TimeUnit.SECONDS);
            assertSame(held, next);
            pool.release(next);
            pool.release(second.get(5, TimeUnit.SECONDS));
            assertEquals(0, pool.stats().waiting());
        }
    }

    @Test
    void neverMoreThanMaxWaitersWaitWhenManyArriveAtOnce() throws Exception {
        int maxWaiters = 5;
        int callerCount = 40;
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).maxWaiters(maxWaiters)
                .acquireTimeout(Duration.ofSeconds(30)).listener(listener).build())) {
            Fake a = pool.acquire();
            Fake b = pool.acquire();
            AtomicInteger mostWaiting = new AtomicInteger();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Future<?> sampler = callers.submit(() -> {
                while (sampling.get()) {
                    mostWaiting.accumulateAndGet(pool.stats().waiting(), Math::max);
                }
                return null;
            });
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger refusedSeen = new AtomicInteger();
            AtomicInteger served = new AtomicInteger();
            List<Future<?>> arrivals = new ArrayList<>();
            for (int i = 0; i < callerCount; i++) {
                boolean async = i % 2 == 0; // half block, half take the asynchronous form
                arrivals.add(callers.submit(() -> {
                    go.await();
                    if (async) {
                        pool.acquireAsync().whenComplete((f, e) -> {
                            if (f != null) {
                                served.incrementAndGet();
                                pool.release(f);
                            } else if (e instanceof PoolOverloadedException) {
                                refusedSeen.incrementAndGet();
                            }
                        });
                        return null;
                    }
                    try {
                        Fake f = pool.acquire();
                        served.incrementAndGet();
                        pool.release(f);
                    } catch (PoolOverloadedException e) {
                        refusedSeen.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            Poll.until("every caller beyond the limit was refused", refusedSeen::get,
                    n -> n == callerCount - maxWaiters);
            assertEquals(maxWaiters, pool.stats().waiting());
            sampling.set(false);
            sampler.get(5, TimeUnit.SECONDS);
            assertTrue(mostWaiting.get() <= maxWaiters, "at most " + maxWaiters + " waited, saw " + mostWaiting.get());

            pool.release(a);
            pool.release(b);
            Poll.until("the waiting callers were served", served::get, n -> n == maxWaiters);
            for (Future<?> f : arrivals) {
                f.get(5, TimeUnit.SECONDS);
            }
            PoolStats s = pool.stats();
            assertEquals(callerCount - maxWaiters, s.rejected(), s::toString);
            assertEquals(callerCount - maxWaiters, rejectedHeard.get());
            assertEquals(0, s.waiting());
        }
    }

    @Test
    void zeroMaxWaitersServesOnlyFromIdleResourcesAndKeepsTheZeroTimeoutATimeout() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).maxWaiters(0).build())) {
            assertThrows(PoolOverloadedException.class, () -> pool.acquire(Duration.ofSeconds(5)),
                    "waiting for a creation is waiting too");
            Poll.until("the refused acquire started a spare creation", () -> pool.stats().available() == 1);
            Fake f = pool.acquire(Duration.ofSeconds(5));
            assertThrows(PoolOverloadedException.class, () -> pool.acquire(Duration.ofSeconds(5)));
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO),
                    "an acquire that never waits is not refused for waiting");
            PoolStats s = pool.stats();
            assertEquals(2, s.rejected(), s::toString);
            assertEquals(1, s.timeouts(), s::toString);
            pool.release(f);
            assertSame(f, pool.acquire(Duration.ZERO));
            pool.release(f);
        }
    }

    @Test
    void aNegativeLimitIsRejectedByTheBuilder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.config().maxWaiters(-1).build());
        assertTrue(e.getMessage().contains("maxWaiters") && e.getMessage().contains("-1"), e.getMessage());
    }
}
