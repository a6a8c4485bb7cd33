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
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        try (ResourcePool<Fake> pool = ResourcePools.create(new FakeFactory().config().min(8).max(8).build())) {
            pool.initialize();
            run(pool, PAIRS); // warm up: the JIT, and the first lookup of this thread's identity hash
            long before = threads.getThreadAllocatedBytes(self);
            run(pool, PAIRS);
            long allocated = threads.getThreadAllocatedBytes(self) - before;
            // The counter itself may account a few bytes; 100,000 pairs that allocated even one
            // small object each would show megabytes.
            assertTrue(allocated < 4_096, allocated + " bytes for " + PAIRS + " pairs");
        }
    }

    private static void run(ResourcePool<Fake> pool, int pairs) throws InterruptedException {
        for (int i = 0; i < pairs; i++) {
            pool.release(pool.acquire());
        }
    }
}
