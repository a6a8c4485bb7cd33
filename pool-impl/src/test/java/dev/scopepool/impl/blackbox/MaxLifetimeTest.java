// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Maximum lifetime, through the public API. Bounds are measured on the fakes' own clock
 * stamps: {@code createdAtNanos} when the factory returned the resource (just before the pool
 * stamps its deadline) and {@code destroyedAtNanos} when the destroyer was called (just after
 * the pool retired it), read by bounded polling every millisecond.
 */
class MaxLifetimeTest {

    /** Long enough that the bound (a tenth of it) is not lost in a loaded machine's scheduling. */
    private static final Duration LIFETIME = Duration.ofSeconds(2);
    private static final long LIFETIME_NANOS = LIFETIME.toNanos();
    /** How late an idle resource may be retired after its deadline: min(1 s, lifetime / 10). */
    private static final long BOUND_NANOS = Math.min(TimeUnit.SECONDS.toNanos(1), LIFETIME_NANOS / 10);

    @RegisterExtension
    final Callers callers = new Callers();
    private final FakeFactory factory = new FakeFactory();

    @Test
    void idleResourcesAreRetiredNotBeforeNinetyPercentOfTheirLifetimeNorLaterThanTheBound() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(3).max(3).maxLifetime(LIFETIME).build())) {
            pool.initialize();
            List<Fake> first = factory.createdResources();
            assertEquals(3, first.size());

            Poll.until("the first three retired", () -> first.stream().allMatch(f -> f.destroyedAtNanos != 0));

            for (Fake f : first) {
                long age = f.destroyedAtNanos - f.createdAtNanos;
                assertTrue(age >= LIFETIME_NANOS * 9 / 10, f + " retired at " + age / 1e6 + "ms, before 90 % of its lifetime");
                assertTrue(age <= LIFETIME_NANOS + BOUND_NANOS, f + " retired at " + age / 1e6
                        + "ms, later than the lifetime plus min(1 s, lifetime / 10)");
            }
            Poll.until("refilled to min with fresh resources", () -> pool.stats().total() == 3 && factory.created() >= 6);
            PoolStats s = pool.stats();
            assertTrue(s.retiredByAge() >= 3, s::toString);
            assertEquals(0, s.retiredByIdle());
            assertEquals(0, s.retiredByUses());
            assertEquals(s.destroyed(), s.retiredByAge(), "every destruction so far was for age: " + s);
        }
        factory.assertEachDestroyedOnce();
    }

    @Test
    void aBorrowedResourceIsNeitherDestroyedNorInterruptedPastItsDeadlineAndIsRetiredWhenReleased() throws Exception {
        Duration lifetime = Duration.ofMillis(200);
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).maxLifetime(lifetime).build())) {
            Fake held = pool.acquire();
            Poll.until("past its lifetime by a bound", () -> System.nanoTime() - held.createdAtNanos > lifetime.toNanos() * 2);
            assertEquals(0, factory.destroyCount(held), "destroyed while borrowed");
            assertFalse(Thread.currentThread().isInterrupted(), "the borrower was interrupted");

            pool.release(held);

            assertEquals(1, factory.destroyCount(held), "retired when it came back");
            assertEquals(1, pool.stats().retiredByAge());
            assertEquals(1, pool.stats().released());
            Fake next = pool.acquire();
            assertNotSame(held, next);
            pool.release(next);
        }
    }

    @Test
    void aWaiterNeverGetsAReturningResourcePastItsDeadlineButAFreshOne() throws Exception {
        Duration lifetime = Duration.ofMillis(200);
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).maxLifetime(lifetime).build())) {
            Fake held = pool.acquire();
            Future<Fake> waiter = callers.submit(() -> pool.acquire(Duration.ofSeconds(10)));
            Poll.until("the waiter queued", () -> pool.stats().waiting() == 1);
            Poll.until("past its lifetime", () -> System.nanoTime() - held.createdAtNanos > lifetime.toNanos());

            pool.release(held);

            Fake served = waiter.get(10, TimeUnit.SECONDS);
            assertNotSame(held, served);
            assertEquals(1, factory.destroyCount(held));
            assertEquals(1, pool.stats().retiredByAge());
            pool.release(served);
        }
    }

    @Test
    void acquireNeverLendsAResourcePastItsLifetime() throws Exception {
        Duration lifetime = Duration.ofMillis(100);
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).maxLifetime(lifetime).build())) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
            int loans = 0;
            while (System.nanoTime() - end < 0) {
                long before = System.nanoTime();
                Fake f = pool.acquire();
                // The loan began between 'before' and now: its age then is at most now - created.
                long ageAtLoanAtMost = System.nanoTime() - f.createdAtNanos;
                long ageAtLoanAtLeast = before - f.createdAtNanos;
                assertTrue(ageAtLoanAtLeast < lifetime.toNanos(), f + " lent at an age of at least "
                        + ageAtLoanAtLeast / 1e6 + "ms, past its lifetime; at most " + ageAtLoanAtMost / 1e6);
                pool.release(f);
                loans++;
            }
            assertTrue(loans > 10, "too few loans to mean anything: " + loans);
            assertTrue(pool.stats().retiredByAge() >= 5, pool.stats()::toString);
        }
    }

    @Test
    void aSuspendedPoolStillRetiresAndReplacesIdleResources() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(1).max(1)
                .maxLifetime(Duration.ofMillis(200)).build())) {
            pool.initialize();
            Fake first = factory.createdResources().get(0);
            pool.suspend();

            Poll.until("retired and replaced while suspended", () -> factory.destroyCount(first) == 1
                    && pool.stats().total() == 1);
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO));

            pool.resume();
            Fake next = pool.acquire();
            assertNotSame(first, next);
            pool.release(next);
        }
    }

    @Test
    void afterAShrinkOnlySurplusLeavesForSizeAndTheRestForAgeWithoutRefillBelowTheNewMin() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(2).max(2)
                .maxLifetime(Duration.ofSeconds(1)).build())) {
            pool.initialize(); // the resize comes long before 90 % of the lifetime

            pool.resize(0, 1);

            assertEquals(1, pool.stats().total(), "idle surplus retired at once");
            Poll.until("the rest retired for age", () -> pool.stats().destroyed() == 2);
            PoolStats s = pool.stats();
            assertEquals(1, s.retiredByAge(), s::toString);
            assertEquals(2, s.destroyed());
            assertEquals(2, s.created(), "nothing refilled below the new min");
        }
        factory.assertEachDestroyedOnce();
    }

    @Test
    void closeStopsRetirementAndDestroysEachResourceOnce() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(2).max(2)
                .maxLifetime(Duration.ofMillis(100)).build());
        pool.initialize();

        pool.close();

        assertFalse(Poll.within(TimeUnit.MILLISECONDS.toNanos(300), () -> pool.stats().retiredByAge() > 0
                || factory.created() > 2), "a closed pool retired or created: " + pool.stats());
        assertEquals(0, pool.stats().total());
        factory.assertEachDestroyedOnce();
    }
}
