// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The fast path's races, one interleaving per test. The {@link SlotBag} tests play each
 * thread's steps in a chosen order on one thread, so every interleaving is reached every run;
 * the pool tests order the racing calls with polls on observable state.
 *
 * <p>Why not jcstress or Lincheck. jcstress runs through its own harness, forking JVMs for
 * minutes per test, which does not fit a CI budget of about a minute for all of this. Lincheck
 * would bring a Kotlin runtime and byte-code instrumentation into the build, cannot schedule
 * the threads the pool starts itself (creations, health checks, async completion), and a
 * blocking, timed, FIFO hand-off has no sequential specification to check linearizability
 * against. Neither was in the build's local repository either. The stress suite
 * ({@code stress.PoolStressIT}) covers the races with real preemption; these tests pin
 * the interleavings its correctness argument rests on.
 */
class FastPathRaceTest {

    private final FakeFactory factory = new FakeFactory();

    private static SlotBag<Fake> bagWith(Slot<Fake> slot) {
        SlotBag<Fake> bag = new SlotBag<>(w -> {
            throw new AssertionError("no asynchronous waiter here");
        });
        bag.add(slot);
        return bag;
    }

    @Test
    void aReleaseThatSawNoWaiterIsFoundByTheWaiterThatQueuedJustAfter() {
        Slot<Fake> slot = new Slot<>(new Fake(1));
        SlotBag<Fake> bag = bagWith(slot);
        bag.handOffOrIdle(slot); // the releaser: nobody waits, so the slot goes IDLE
        assertEquals(Slot.IDLE, slot.state());
        Waiter<Fake> waiter = Waiter.blocking(System.nanoTime());
        bag.waiters().add(waiter); // the acquirer queues after the releaser looked...
        bag.dispatchIdle(); // ...and scans again after queueing, as acquireSlow does
        assertEquals(Waiter.SERVED, waiter.outcome);
        assertSame(slot, waiter.slot);
        assertEquals(Slot.BORROWED, slot.state());
        assertNull(bag.claim(), "the slot went to the waiter, nobody else");
        assertTrue(bag.waiters().isEmpty());
    }

    @Test
    void aWaiterQueuedBeforeTheReleaseIsHandedTheSlotDirectly() {
        Slot<Fake> slot = new Slot<>(new Fake(1));
        SlotBag<Fake> bag = bagWith(slot);
        Waiter<Fake> first = Waiter.blocking(System.nanoTime());
        Waiter<Fake> second = Waiter.blocking(System.nanoTime());
        bag.waiters().add(first);
        bag.waiters().add(second);
        bag.handOffOrIdle(slot);
        assertEquals(Waiter.SERVED, first.outcome, "the oldest waiter is served");
        assertEquals(Waiter.PENDING, second.outcome);
        assertEquals(Slot.BORROWED, slot.state(), "handed over without passing through IDLE");
        assertNull(bag.claim());
    }

    @Test
    void aWaiterThatLosesTheRaceToCancelFindsItsSlotAlreadyBorrowed() {
        Slot<Fake> slot = new Slot<>(new Fake(1));
        SlotBag<Fake> bag = bagWith(slot);
        Waiter<Fake> waiter = Waiter.blocking(System.nanoTime());
        bag.waiters().add(waiter);
        bag.handOffOrIdle(slot); // served, but not yet woken...
        assertFalse(bag.waiters().cancel(waiter), "...when its timeout or interrupt tries to leave");
        assertEquals(Waiter.SERVED, waiter.outcome);
        // It now owns the slot: release and invalidate CAS from BORROWED, so it must already be.
        assertEquals(Slot.BORROWED, slot.state());
        assertTrue(slot.cas(Slot.BORROWED, Slot.RESERVED), "the waiter can give it back");
    }

    @Test
    void aCancelledWaiterIsNeverServed() {
        Slot<Fake> slot = new Slot<>(new Fake(1));
        SlotBag<Fake> bag = bagWith(slot);
        Waiter<Fake> waiter = Waiter.blocking(System.nanoTime());
        bag.waiters().add(waiter);
        assertTrue(bag.waiters().cancel(waiter));
        assertFalse(bag.handTo(waiter, slot), "a creation finishing for a gone waiter keeps its resource");
        bag.handOffOrIdle(slot);
        assertEquals(Waiter.CANCELLED, waiter.outcome);
        assertEquals(Slot.IDLE, slot.state());
        assertSame(slot, bag.claim());
    }

    @Test
    void claimAndCloseSweepRaceForAnIdleSlotWithOneWinner() {
        Slot<Fake> slot = new Slot<>(new Fake(1));
        SlotBag<Fake> bag = bagWith(slot);
        bag.handOffOrIdle(slot);
        assertSame(slot, bag.claim(), "the acquirer wins the IDLE slot...");
        assertFalse(slot.cas(Slot.IDLE, Slot.REMOVED), "...so close's sweep of idle slots skips it");
        assertFalse(slot.cas(Slot.IDLE, Slot.RESERVED), "and no health check or eviction can take it");
        assertTrue(slot.cas(Slot.BORROWED, Slot.REMOVED), "close may only force it after the shutdown timeout");
        assertFalse(slot.markRemoved(), "and then nobody else removes (destroys) it again");
        assertNull(bag.claim());
    }

    @Test
    void markRemovedSucceedsExactlyOnceFromAnyLiveState() {
        for (int state : new int[] {Slot.IDLE, Slot.BORROWED, Slot.RESERVED}) {
            Slot<Fake> slot = new Slot<>(new Fake(1));
            slot.set(state);
            assertTrue(slot.markRemoved());
            assertFalse(slot.markRemoved());
            assertEquals(Slot.REMOVED, slot.state());
        }
    }

    @Test
    void aSuspendedBagNeitherLendsNorHandsOffUntilResumed() {
        Slot<Fake> slot = new Slot<>(new Fake(1));
        SlotBag<Fake> bag = bagWith(slot);
        bag.suspend();
        Waiter<Fake> waiter = Waiter.blocking(System.nanoTime());
        bag.waiters().add(waiter);
        bag.handOffOrIdle(slot);
        assertEquals(Slot.IDLE, slot.state(), "returned while suspended: idle, not handed off");
        assertNull(bag.claim());
        bag.dispatchIdle();
        assertEquals(Waiter.PENDING, waiter.outcome);
        bag.resume();
        assertEquals(Waiter.SERVED, waiter.outcome, "resume serves the waiter with the idle slot");
        assertEquals(Slot.BORROWED, slot.state());
    }

    @Test
    void invalidateWhileCloseWaitsForItEndsTheWaitAndDestroysOnce() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().shutdownTimeout(Duration.ofSeconds(30)).build());
        Fake held = pool.acquire();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(pool::close);
        Poll.until("close is waiting for the borrowed resource", pool::isClosed);
        pool.invalidate(held);
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(1, factory.destroyCount(held));
        PoolStats s = pool.stats();
        assertEquals(1, s.invalidated());
        assertEquals(0, s.acquired() - s.released() - s.invalidated());
        pool.invalidate(held); // after close: ignored, never thrown, never destroyed twice
        assertEquals(1, factory.destroyCount(held));
    }

    /**
     * Acquire, release and close started together, many times: whoever wins, every resource
     * is destroyed exactly once, the counters add up, and each call either works or fails as
     * the contract says. Every other round close waits for loans (they end within
     * microseconds), so there any resource an acquire returns destroyed was lent after close
     * took it; in the others close destroys loans at once, possibly just after an acquire
     * returned, which the contract allows.
     */
    @Test
    void acquireReleaseAndCloseRacingDestroyEachResourceOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            FakeFactory f = new FakeFactory();
            boolean closeWaits = round % 2 == 0;
            ResourcePool<Fake> pool = ResourcePools.create(f.config().max(2)
                    .shutdownTimeout(closeWaits ? Duration.ofSeconds(10) : Duration.ZERO).build());
            pool.release(pool.acquire());
            CyclicBarrier start = new CyclicBarrier(3);
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            List<Thread> racers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                        for (int n = 0; n < 20; n++) {
                            Fake x = pool.acquire(Duration.ofMillis(1));
                            if (closeWaits && f.destroyCount(x) != 0) {
                                throw new AssertionError(x + " lent after its destruction");
                            }
                            pool.release(x);
                        }
                    } catch (PoolClosedException | AcquireTimeoutException expected) {
                        // lost the race with close, or the other racer held both
                    } catch (Throwable e) {
                        unexpected.compareAndSet(null, e);
                    }
                });
                t.start();
                racers.add(t);
            }
            start.await(10, TimeUnit.SECONDS);
            pool.close();
            for (Thread t : racers) {
                t.join(10_000);
                assertFalse(t.isAlive(), "a racer hung");
            }
            if (unexpected.get() != null) {
                throw new AssertionError("round " + round, unexpected.get());
            }
            Poll.until("every resource destroyed", () -> f.destroyed() == f.created());
            f.assertEachDestroyedOnce();
            PoolStats s = pool.stats();
            assertEquals(0, s.total(), "round " + round + ": " + s);
            assertEquals(0, s.acquired() - s.released() - s.invalidated(), "round " + round + ": " + s);
        }
    }
}
