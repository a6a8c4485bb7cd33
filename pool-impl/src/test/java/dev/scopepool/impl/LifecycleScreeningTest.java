// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The per-slot stamps and decisions of the lifecycle policies: deadlines, the near-deadline
 * mark that alone makes lend and release read the clock, and what a pool with every policy off
 * leaves out of its fast path.
 */
class LifecycleScreeningTest {

    private final FakeFactory factory = new FakeFactory();

    @SuppressWarnings("unchecked")
    private EnginePool<Fake> open(PoolConfig.Builder<Fake> config) {
        return (EnginePool<Fake>) ResourcePools.create(config.build());
    }

    /** Moves a slot's deadline into the past, as if its lifetime had run out. */
    private static void expire(Slot<Fake> slot) {
        slot.deadlineNanos = System.nanoTime() - 1;
        slot.nearDeadline = true;
    }

    @Test
    void deadlinesFallBetweenNinetyAndAHundredPercentOfTheLifetimeAndSpreadOut() {
        Duration lifetime = Duration.ofHours(1);
        LifecyclePolicy policy = new LifecyclePolicy(factory.config().maxLifetime(lifetime).build());
        Set<Long> spans = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Slot<Fake> slot = new Slot<>(new Fake(i));
            long before = System.nanoTime();
            policy.stampCreated(slot);
            long after = System.nanoTime();
            assertTrue(slot.deadlineNanos - before >= lifetime.toNanos() * 9 / 10 - (after - before), "deadline under 90 %");
            assertTrue(slot.deadlineNanos - after <= lifetime.toNanos(), "deadline past the lifetime");
            assertFalse(slot.nearDeadline, "an hour-long life is not near its deadline at birth");
            spans.add((slot.deadlineNanos - before) / TimeUnit.SECONDS.toNanos(1));
        }
        assertTrue(spans.size() > 50, "deadlines bunched together: " + spans.size() + " distinct seconds of 360");
    }

    @Test
    void aShortLifeIsNearItsDeadlineFromBirthSoEveryLoanComparesWithTheClock() {
        LifecyclePolicy policy = new LifecyclePolicy(factory.config().maxLifetime(Duration.ofMillis(500)).build());
        Slot<Fake> slot = new Slot<>(new Fake(1));
        policy.stampCreated(slot);
        assertTrue(slot.nearDeadline);
    }

    @Test
    void anIdleSlotPastItsDeadlineIsNeverLentEvenBeforeTheSweepSeesIt() throws Exception {
        try (EnginePool<Fake> pool = open(factory.config().max(2).maxLifetime(Duration.ofHours(1)))) {
            Fake old = pool.acquire();
            pool.release(old);
            expire(pool.bag().slots()[0]);

            Fake lent = pool.acquire();

            assertNotSame(old, lent);
            pool.release(lent);
            // The acquirer hands the expired slot to a worker to retire: its timeout must not pay
            // for the destroyer. So the retirement is waited for, not read at once.
            Poll.until("the expired resource retired by age", () -> pool.stats().retiredByAge() == 1);
            assertEquals(1, factory.destroyCount(old));
        }
    }

    @Test
    void aBorrowedSlotPastItsDeadlineIsRetiredOnRelease() throws Exception {
        try (EnginePool<Fake> pool = open(factory.config().max(1).maxLifetime(Duration.ofHours(1)))) {
            Fake f = pool.acquire();
            expire(pool.bag().find(f));

            pool.release(f);

            assertEquals(1, factory.destroyCount(f));
            assertEquals(1, pool.stats().retiredByAge());
            assertEquals(0, pool.stats().total());
        }
    }

    @Test
    void aSlotNotMarkedNearItsDeadlineIsNotComparedWithTheClock() throws Exception {
        try (EnginePool<Fake> pool = open(factory.config().max(1).maxLifetime(Duration.ofHours(1)))) {
            Fake f = pool.acquire();
            Slot<Fake> slot = pool.bag().find(f);
            slot.deadlineNanos = System.nanoTime() - 1; // past, but unmarked: only the sweep would notice

            pool.release(f);

            assertEquals(0, factory.destroyCount(f), "release read the clock for an unmarked slot");
            assertSame(f, pool.acquire());
            pool.release(f);
        }
    }

    @Test
    void withEveryPolicyOffAcquireHasNoScreenAndNoSweepRuns() throws Exception {
        LifecyclePolicy off = new LifecyclePolicy(factory.config().build());
        assertFalse(off.screensLoans());
        assertFalse(off.screensReturns());
        assertEquals(0, off.sweepPeriodNanos());
        Slot<Fake> slot = new Slot<>(new Fake(1));
        off.stampCreated(slot);
        assertEquals(0, slot.deadlineNanos);
        assertNull(off.dueOnReturn(slot));
    }

    @Test
    void theSweepRunsOftenEnoughForTheTightestBound() {
        LifecyclePolicy both = new LifecyclePolicy(factory.config().maxLifetime(Duration.ofMinutes(30))
                .idleTimeout(Duration.ofMillis(600)).build());
        // idle: min(1 s, 60 ms) / 6; lifetime: min(1 s, 3 min) / 4
        assertEquals(TimeUnit.MILLISECONDS.toNanos(10), both.sweepPeriodNanos());
    }
}
