// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.Poll;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.management.MBeanServer;
import org.junit.jupiter.api.Test;

/**
 * What an operator's {@code resize(100000, 100000)} from a JMX console does to a pool whose
 * creations take a millisecond: the call returns at once, the fill runs on no more threads
 * than the bound while it is sampled, and close ends it within its shutdown timeout plus the time
 * to destroy what the fill made.
 */
class HugeResizeOverJmxTest {

    /** Housekeeper, two checkers, two deliverers and the JMX notifier. */
    private static final int FIXED_THREADS = 6;
    private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(3);

    @Test
    void aHugeResizeOverJmxKeepsThePoolWithinItsThreadBoundAndCloseEndsIt() throws Exception {
        String name = "jmx-huge-resize";
        AtomicLong ids = new AtomicLong();
        ResourcePool<Fake> pool = ResourcePools.create(dev.scopepool.PoolConfig.<Fake>builder().name(name)
                .shutdownTimeout(Duration.ofMillis(500))
                .create(() -> {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    return new Fake(ids.incrementAndGet());
                }).build());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        int most = 0;
        long closeMillis;
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> server.invoke(JmxFixture.mbeanName(name), "resize",
                    new Object[] {100_000, 100_000}, new String[] {"int", "int"}));
            long end = System.nanoTime() + SAMPLE_NANOS;
            while (System.nanoTime() - end < 0) {
                most = Math.max(most, poolThreads(name));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            assertTrue(pool.stats().total() > 0, "the fill made progress");
        } finally {
            long start = System.nanoTime();
            pool.close();
            closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
        System.out.println("resize(100000, 100000) over JMX: at most " + most + " threads of pool '" + name
                + "' in 3 s of sampling; close() took " + closeMillis + " ms; " + pool.stats());
        assertTrue(most <= 4 + FIXED_THREADS, "threads: " + most);
        // Beyond the shutdown timeout, close destroys the thousands of idle resources the fill
        // made; the 2 s allow for that on a busy machine.
        assertTrue(closeMillis < 500 + 2_000, "close took " + closeMillis + "ms");
        Poll.until("no pool thread left", () -> poolThreads(name) == 0);
        assertEquals(0, pool.stats().creating());
    }

    private static int poolThreads(String pool) {
        String prefix = "scopepool-" + pool + "-";
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }
}
