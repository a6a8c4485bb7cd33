// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Callers;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MaxUsesTest {

    @RegisterExtension
    final Callers callers = new Callers();
    private final FakeFactory factory = new FakeFactory();

    @Test
    void aResourceIsRetiredWhenItComesBackFromItsLastLoan() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).maxUses(3).build())) {
            Fake first = pool.acquire();
            pool.release(first);
            assertSame(first, pool.execute(f -> f));
            Fake third = pool.acquire();
            assertSame(first, third);
            assertEquals(0, factory.destroyCount(first), "retired before its last loan ended");

            pool.release(third);

            assertEquals(1, factory.destroyCount(first));
            Fake next = pool.acquire();
            assertNotSame(first, next);
            pool.release(next);
            PoolStats s = pool.stats();
            assertEquals(1, s.retiredByUses(), s::toString);
            assertEquals(4, s.acquired());
            assertEquals(4, s.released());
        }
    }

    @Test
    void aWaiterNeverGetsAResourceBackFromItsLastLoanButAFreshOne() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).maxUses(1).build())) {
            Fake held = pool.acquire();
            Future<Fake> waiter = callers.submit(() -> pool.acquire());
            Poll.until("the waiter queued", () -> pool.stats().waiting() == 1);

            pool.release(held);

            Fake served = waiter.get(10, TimeUnit.SECONDS);
            assertNotSame(held, served);
            assertEquals(1, factory.destroyCount(held));
            pool.release(served);
            assertEquals(1, factory.destroyCount(served));
            assertEquals(2, pool.stats().retiredByUses());
        }
    }

    @Test
    void theRetiredResourceIsReplacedUpToMin() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(1).max(1).maxUses(2).build())) {
            pool.initialize();
            Fake first = factory.createdResources().get(0);
            pool.release(pool.acquire());
            pool.release(pool.acquire());

            // A new resource counts in total as soon as it exists, a moment before it is idle.
            Poll.until("refilled to min", () -> pool.stats().total() == 1 && factory.created() == 2
                    && pool.stats().available() == 1);
            assertEquals(1, factory.destroyCount(first));
        }
        factory.assertEachDestroyedOnce();
    }

    @Test
    void anAsynchronousLoanCountsAsAUse() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).maxUses(1).build())) {
            Fake f = pool.acquireAsync().get(10, TimeUnit.SECONDS);
            pool.release(f);
            assertEquals(1, factory.destroyCount(f));
            assertEquals(1, pool.stats().retiredByUses());
        }
    }
}
