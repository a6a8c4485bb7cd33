// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scopepool.PoolConfig;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Callers;
import dev.scopepool.impl.testkit.Fake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StatsConsistencyTest {

    /** How long the reader reads: the broken engine showed a torn snapshot several times a second. */
    private static final long READ_NANOS = TimeUnit.SECONDS.toNanos(3);

    @RegisterExtension
    final Callers callers = new Callers();

    /**
     * A small pool whose creations take a few milliseconds, churned by acquirers that release or
     * invalidate, while another thread reads snapshots as fast as it can: every snapshot must be
     * one moment's, whatever moment it is.
     */
    @Test
    void everySnapshotUnderChurnIsConsistent() throws Exception {
        AtomicLong ids = new AtomicLong();
        try (ResourcePool<Fake> pool = ResourcePools.create(churningConfig(ids))) {
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                load.add(callers.submit(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (!Thread.currentThread().isInterrupted()) {
                        Fake f;
                        try {
                            f = pool.acquire(Duration.ofMillis(100));
                        } catch (RuntimeException timedOutOrCreateFailed) {
                            continue;
                        }
                        if (r.nextInt(10) == 0) {
                            pool.invalidate(f);
                        } else {
                            pool.release(f);
                        }
                    }
                    return null;
                }));
            }
            List<String> broken = new ArrayList<>();
            long end = System.nanoTime() + READ_NANOS;
            while (System.nanoTime() - end < 0 && broken.size() < 5) {
                PoolStats s = pool.stats();
                if (s.available() + s.inUse() > s.total() || s.total() + s.creating() > 3
                        || s.total() < 0 || s.available() < 0 || s.inUse() < 0 || s.creating() < 0 || s.waiting() < 0) {
                    broken.add(s.toString());
                }
            }
            load.forEach(f -> f.cancel(true));
            assertEquals(List.of(), broken);
        }
    }

    /** Max 3, and a create that takes 0-4 ms, so creations end while the reader scans. */
    private static PoolConfig<Fake> churningConfig(AtomicLong ids) {
        return PoolConfig.<Fake>builder().max(3).jmx(false).shutdownTimeout(Duration.ofMillis(200))
                .create(() -> {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(5)));
                    return new Fake(ids.incrementAndGet());
                })
                .build();
    }
}
