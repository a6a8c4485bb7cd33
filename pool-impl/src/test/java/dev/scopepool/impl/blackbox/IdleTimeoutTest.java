// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Idle timeout, through the public API. Idle time is measured from a clock read just before
 * {@code release} (so it is never shorter than the pool's) to the fake's {@code destroyedAtNanos},
 * stamped when the destroyer is called, read by bounded polling every millisecond.
 */
class IdleTimeoutTest {

    /** Long enough that the bound (a tenth of it) is not lost in a loaded machine's scheduling. */
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final long IDLE_NANOS = IDLE.toNanos();
    /** How late after the timeout a resource may be retired: min(1 s, idleTimeout / 10). */
    private static final long BOUND_NANOS = Math.min(TimeUnit.SECONDS.toNanos(1), IDLE_NANOS / 10);

    private final FakeFactory factory = new FakeFactory();

    @Test
    void idleResourcesAreRetiredLongestIdleFirstWithinTheBoundDownToMin() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(1).max(3).idleTimeout(IDLE).build())) {
            Fake a = pool.acquire();
            Fake b = pool.acquire();
            Fake c = pool.acquire();
            long aReturned = releaseAt(pool, a);
            waitFor(200);
            long bReturned = releaseAt(pool, b);
            waitFor(200);
            long cReturned = releaseAt(pool, c);

            Poll.until("shrunk to min", () -> factory.destroyed() == 2);

            assertEquals(0, factory.destroyCount(c), "the most recently returned stays, at min");
            assertTrue(a.destroyedAtNanos - b.destroyedAtNanos < 0, "longest idle retired first");
            assertIdleWithinBound(a, aReturned);
            assertIdleWithinBound(b, bReturned);
            long pastItsOwnBound = cReturned + IDLE_NANOS + BOUND_NANOS * 2 - System.nanoTime();
            assertFalse(Poll.within(pastItsOwnBound, () -> factory.destroyCount(c) > 0), "retired below min");
            PoolStats s = pool.stats();
            assertEquals(2, s.retiredByIdle(), s::toString);
            assertEquals(2, s.destroyed());
        }
    }

    @Test
    void healthChecksAreNotUse() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).idleTimeout(IDLE)
                .healthCheck(f -> {
                    f.checks.incrementAndGet();
                    return HealthCheckResult.ok();
                }).healthCheckInterval(Duration.ofMillis(20)).build())) {
            Fake f = pool.acquire();
            long returned = releaseAt(pool, f);

            Poll.until("retired for idleness", () -> factory.destroyCount(f) == 1);

            assertTrue(f.checks.get() >= 3, "checked only " + f.checks.get() + " times while idle");
            assertIdleWithinBound(f, returned);
            assertEquals(1, pool.stats().retiredByIdle());
        }
    }

    @Test
    void aBorrowedResourceIsNotIdleAndItsIdleTimeStartsAtItsReturn() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).idleTimeout(Duration.ofMillis(200)).build())) {
            Fake f = pool.acquire();
            waitFor(500);
            assertEquals(0, factory.destroyCount(f), "retired while borrowed");

            long returned = releaseAt(pool, f);

            Poll.until("retired for idleness", () -> factory.destroyCount(f) == 1);
            assertTrue(f.destroyedAtNanos - returned >= TimeUnit.MILLISECONDS.toNanos(200), "retired before its idle timeout");
        }
    }

    @Test
    void nothingIsRetiredAtMinUntilALowerMinIsSet() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(2).max(2)
                .idleTimeout(Duration.ofMillis(100)).build())) {
            pool.initialize();
            assertFalse(Poll.within(TimeUnit.MILLISECONDS.toNanos(400), () -> factory.destroyed() > 0),
                    "retired at min: " + pool.stats());

            pool.resize(0, 2);

            Poll.until("retired once min allows", () -> pool.stats().destroyed() == 2);
            assertEquals(2, pool.stats().retiredByIdle());
            assertEquals(2, factory.created(), "nothing refilled");
        }
        factory.assertEachDestroyedOnce();
    }

    private static long releaseAt(ResourcePool<Fake> pool, Fake f) {
        long now = System.nanoTime();
        pool.release(f);
        return now;
    }

    /** Lets time pass so that resources get distinct idle ages; a bounded wait on the clock. */
    private static void waitFor(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Poll.until(millis + "ms passed", () -> System.nanoTime() - until >= 0);
    }

    private static void assertIdleWithinBound(Fake f, long returnedAt) {
        long idle = f.destroyedAtNanos - returnedAt;
        assertTrue(idle >= IDLE_NANOS, f + " retired after " + idle / 1e6 + "ms idle, before its timeout");
        assertTrue(idle <= IDLE_NANOS + BOUND_NANOS, f + " retired after " + idle / 1e6
                + "ms idle, later than the timeout plus min(1 s, timeout / 10)");
    }
}
