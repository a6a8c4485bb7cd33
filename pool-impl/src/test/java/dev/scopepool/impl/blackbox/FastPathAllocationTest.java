// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The acquire/release fast path allocates nothing in steady state. Counted with the
 * JVM's per-thread allocation counter, which is exact, not timed.
 */
class FastPathAllocationTest {

    private static final int PAIRS = 100_000;

    @Test
    void acquireReleasePairsAllocateNothingInSteadyState() throws Exception {
        assertAllocatesNothing(pool -> pool.release(pool.acquire()));
    }

    @Test
    void executeAllocatesNothingInSteadyState() throws Exception {
        assertAllocatesNothing(pool -> pool.execute(resource -> resource));
    }

    private static void assertAllocatesNothing(Pair pair) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        try (ResourcePool<Fake> pool = ResourcePools.create(new FakeFactory().config().min(8).max(8).build())) {
            pool.initialize();
            run(pool, pair); // warm up: the JIT, and the first lookup of this thread's identity hash
            long before = threads.getThreadAllocatedBytes(self);
            run(pool, pair);
            long allocated = threads.getThreadAllocatedBytes(self) - before;
            // The counter itself may account a few bytes; 100,000 pairs that allocated even one
            // small object each would show megabytes.
            assertTrue(allocated < 4_096, allocated + " bytes for " + PAIRS + " pairs");
        }
    }

    private static void run(ResourcePool<Fake> pool, Pair pair) throws InterruptedException {
        for (int i = 0; i < PAIRS; i++) {
            pair.run(pool);
        }
    }

    /** One borrow and its return, the way a caller writes it. */
    private interface Pair {
        void run(ResourcePool<Fake> pool) throws InterruptedException;
    }
}
