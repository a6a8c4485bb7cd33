// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourceFactory;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Callers;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * failFastAfter: the pool goes down after so many failed creations in a row, refuses at once
 * whoever finds no idle resource, probes with a growing backoff, and comes back up on the first
 * success. The factory fails on demand ({@link FakeFactory#failCreates} set high: every call
 * fails until it is set to 0).
 */
class OutageTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final FakeFactory factory = new FakeFactory();
    /** What the listener heard, in order: "down: <cause>" or "up". */
    private final List<String> heard = new ArrayList<>();
    private final PoolListener listener = new PoolListener() {
        @Override
        public void down(String pool, Throwable cause) {
            synchronized (heard) {
                heard.add("down: " + cause.getMessage());
            }
        }

        @Override
        public void up(String pool) {
            synchronized (heard) {
                heard.add("up");
            }
        }
    };
    @RegisterExtension
    final Callers callers = new Callers();

    @AfterEach
    void openGate() {
        factory.openGate();
    }

    private List<String> heard() {
        synchronized (heard) {
            return List.copyOf(heard);
        }
    }

    private void failEveryCreation() {
        factory.failCreates.set(Integer.MAX_VALUE);
    }

    @Test
    void goesDownAfterFailFastAfterFailuresInARowThenRefusesAtOnceWithTheLastFailure() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("backend").max(2).failFastAfter(3)
                .acquireTimeout(Duration.ofSeconds(30)).listener(listener).build())) {
            failEveryCreation();
            for (int i = 0; i < 2; i++) {
                ResourceCreationException e = assertThrows(ResourceCreationException.class, () -> pool.acquire());
                assertFalse(e.getMessage().contains("is down"), "still up after " + (i + 1) + " failures: " + e);
            }
            assertFalse(pool.stats().down());
            assertThrows(ResourceCreationException.class, () -> pool.acquire());
            Poll.until("the third failure in a row took the pool down", () -> pool.stats().down());
            Poll.until("listeners heard it once", this::heard, h -> h.equals(List.of("down: simulated create failure")));

            ResourceCreationException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(ResourceCreationException.class, () -> pool.acquire()),
                    "refused at once, not after the 30 s timeout");
            assertTrue(refused.getMessage().startsWith("pool 'backend' is down: "), refused.getMessage());
            assertInstanceOf(IOException.class, refused.getCause(), "the cause is the last failure");
            CompletableFuture<Fake> async = pool.acquireAsync();
            assertTrue(async.isCompletedExceptionally(), "the async form fails its future at once");
            assertInstanceOf(ResourceCreationException.class,
                    assertThrows(ExecutionException.class, () -> async.get(1, TimeUnit.SECONDS)).getCause());
            assertThrows(ResourceCreationException.class, () -> pool.acquire(Duration.ZERO));

            PoolStats s = pool.stats();
            assertEquals(0, s.timeouts(), "a refusal is not a timeout: " + s);
            assertEquals(0, s.waiting(), s::toString);
            assertTrue(s.down());
        }
    }

    @Test
    void callersAlreadyWaitingFailWhenThePoolGoesDownWhileIdleResourcesAreStillLent() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).failFastAfter(1)
                .acquireTimeout(Duration.ofSeconds(30)).listener(listener).build())) {
            Fake held = pool.acquire();
            failEveryCreation();
            factory.closeGate();
            Future<Fake> creating = callers.submit(() -> pool.acquire()); // its creation stops at the gate
            factory.awaitGateReached();
            Future<Fake> waiting = callers.submit(() -> pool.acquire()); // at max: waits for a release
            Poll.until("two callers wait", () -> pool.stats().waiting() == 2);
            CompletableFuture<Fake> waitingAsync = pool.acquireAsync();
            Poll.until("three callers wait", () -> pool.stats().waiting() == 3);

            factory.openGate(); // the creation fails: the pool goes down
            ExecutionException own = assertThrows(ExecutionException.class, () -> creating.get(5, TimeUnit.SECONDS));
            assertInstanceOf(ResourceCreationException.class, own.getCause());
            for (Future<Fake> other : List.of(waiting, waitingAsync)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> other.get(5, TimeUnit.SECONDS),
                        "failed well before its 30 s timeout");
                assertInstanceOf(ResourceCreationException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("is down"), e.getCause().getMessage());
            }
            assertEquals(0, pool.stats().waiting());

            pool.release(held);
            assertTrue(pool.stats().down());
            assertSame(held, pool.acquire(), "an idle resource is still lent while down");
            pool.release(held);
        }
    }

    @Test
    void idleResourcesAreLentWhileDownAlsoWhenEachLoanIsCheckedFirst() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).failFastAfter(1)
                .healthCheck(f -> HealthCheckResult.ok()).checkOnAcquire(Duration.ZERO)
                .acquireTimeout(Duration.ofSeconds(30)).build())) {
            Fake idle = pool.acquire();
            pool.release(idle);
            failEveryCreation();
            Fake held = pool.acquire();
            assertThrows(ResourceCreationException.class, () -> pool.acquire()); // its creation fails: down
            Poll.until("down", () -> pool.stats().down());
            pool.release(held);
            assertSame(idle, pool.acquire(), "a checked idle resource is lent while down");
            pool.release(idle);
            assertSame(idle, pool.acquireAsync().get(5, TimeUnit.SECONDS), "to asynchronous acquirers too");
            pool.release(idle);
            Fake again = pool.acquire();
            CompletableFuture<Fake> none = pool.acquireAsync();
            assertInstanceOf(ResourceCreationException.class,
                    assertThrows(ExecutionException.class, () -> none.get(5, TimeUnit.SECONDS)).getCause(),
                    "nothing idle left: refused at once");
            assertThrows(ResourceCreationException.class, () -> pool.acquire());
            pool.release(again);
        }
    }

    @Test
    void probesOneAtATimeWithAGrowingBackoffAndTheFirstSuccessBringsThePoolUp() throws Exception {
        List<Long> calls = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        ResourceFactory<Fake> timed = () -> {
            synchronized (calls) {
                calls.add(System.nanoTime());
            }
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                return factory.create();
            } finally {
                running.decrementAndGet();
            }
        };
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().create(timed).max(4).failFastAfter(1)
                .acquireTimeout(Duration.ofSeconds(30)).listener(listener).build())) {
            failEveryCreation();
            assertThrows(ResourceCreationException.class, () -> pool.acquire());
            Poll.until("down", () -> pool.stats().down());
            int probes = 5; // 50 + 100 + 200 + 400 + 800 ms
            Poll.until(probes + " probes", () -> callCount(calls), n -> n >= 1 + probes);
            assertTrue(pool.stats().down());
            factory.failCreates.set(0);
            Poll.until("the next probe brought the pool up", () -> !pool.stats().down());

            long[] gaps = gaps(calls);
            long expected = 50;
            for (int i = 0; i < probes; i++, expected *= 2) {
                long gapMillis = gaps[i] / MS;
                // A probe never comes early; late only by scheduling, here allowed a generous second.
                assertTrue(gapMillis >= expected - 2 && gapMillis <= expected + 1_000,
                        "probe " + (i + 1) + " came " + gapMillis + "ms after the call before, expected about "
                                + expected + "ms; all gaps " + java.util.Arrays.toString(gaps));
            }
            assertEquals(1, mostRunning.get(), "one probe at a time, and no other creation while down");
            Poll.until("each transition heard once", this::heard,
                    h -> h.equals(List.of("down: simulated create failure", "up")));
            Fake f = pool.acquire(); // up: the probe's resource is idle
            assertEquals(1, pool.stats().total());
            pool.release(f);
            assertEquals(List.of("down: simulated create failure", "up"), heard(), "nothing heard after up");
        }
    }

    @Test
    void recoveryFillsToMinWithoutMoreThanMaxConcurrentCreatesAtOnce() throws Exception {
        int maxConcurrent = 2;
        int min = 6;
        Semaphore finish = new Semaphore(0);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        ResourceFactory<Fake> gated = () -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (factory.failCreates.get() == 0 && !finish.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let this creation finish");
                }
                return factory.create();
            } finally {
                running.decrementAndGet();
            }
        };
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().create(gated).min(min).max(8)
                .maxConcurrentCreates(maxConcurrent).failFastAfter(2).listener(listener).build())) {
            failEveryCreation();
            assertThrows(ResourceCreationException.class, () -> pool.acquire());
            Poll.until("down, with no creation left running",
                    () -> pool.stats().down() && pool.stats().creating() == 0);
            assertTrue(assertThrows(ResourceCreationException.class, pool::initialize).getMessage().contains("is down"),
                    "initialize creates nothing while down");
            mostRunning.set(0);
            factory.failCreates.set(0);
            Poll.until("the probe started", () -> running.get() == 1);
            finish.release(); // the probe succeeds: the pool is up and fills toward min
            Poll.until("up", () -> !pool.stats().down());
            for (int made = 1; made < min; made++) {
                int want = Math.min(maxConcurrent, min - made);
                Poll.until(want + " creations running", running::get, n -> n >= want);
                finish.release();
                int total = made + 1;
                Poll.until(total + " resources", () -> pool.stats().total() >= total);
            }
            Poll.until("filled to min", () -> pool.stats().total() == min && pool.stats().creating() == 0);
            assertTrue(mostRunning.get() <= maxConcurrent,
                    "no burst on recovery: at most " + maxConcurrent + " creations at once, saw " + mostRunning.get());
            Poll.until("each transition heard once", this::heard,
                    h -> h.equals(List.of("down: simulated create failure", "up")));
        }
    }

    @Test
    void withFailFastAfterOffCreationFailuresNeverTakeThePoolDown() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1)
                .acquireTimeout(Duration.ofSeconds(30)).listener(listener).build())) {
            failEveryCreation();
            for (int i = 0; i < 20; i++) {
                ResourceCreationException e = assertThrows(ResourceCreationException.class, () -> pool.acquire());
                assertFalse(e.getMessage().contains("is down"), e.getMessage());
            }
            assertFalse(pool.stats().down());
            assertEquals(List.of(), heard());
            factory.failCreates.set(0);
            pool.release(pool.acquire());
        }
    }

    @Test
    void aNegativeFailFastAfterIsRejectedByTheBuilder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.config().failFastAfter(-2).build());
        assertTrue(e.getMessage().contains("failFastAfter") && e.getMessage().contains("-2"), e.getMessage());
    }

    private static int callCount(List<Long> calls) {
        synchronized (calls) {
            return calls.size();
        }
    }

    /** @return the time between each call and the one before it, in nanoseconds */
    private static long[] gaps(List<Long> calls) {
        synchronized (calls) {
            long[] gaps = new long[calls.size() - 1];
            for (int i = 1; i < calls.size(); i++) {
                gaps[i - 1] = calls.get(i) - calls.get(i - 1);
            }
            return gaps;
        }
    }
}
