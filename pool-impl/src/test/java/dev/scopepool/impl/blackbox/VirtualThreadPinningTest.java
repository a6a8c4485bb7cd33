// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.Lease;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Virtual threads far outnumbering the resources borrow in steady state without pinning a
 * carrier: a real JFR recording of {@code jdk.VirtualThreadPinned} at threshold 0 over a round of
 * 1,000 virtual threads on a pool of 10 holds no event, while most of their acquires waited.
 *
 * <p>Only the pinning event is recorded: committing an event of one's own from a virtual thread
 * (scopepool's acquire-wait event, say) can pin it briefly inside the JDK when JFR flushes its
 * buffer, which is the recorder's cost and not the pool's; the waits are counted by a listener.
 *
 * <p>Runs on a JDK 21+ only (tag {@code virtual-threads}); the build compiles it for 17, so it
 * reaches the virtual-thread API reflectively.
 */
@Tag("virtual-threads")
class VirtualThreadPinningTest {

    private static final int THREADS = 1_000;
    private static final int POOL_SIZE = 10;
    private static final int LOANS_PER_THREAD = 20;
    private static final long ROUND_LIMIT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void virtualThreadsBorrowingInSteadyStatePinNoCarrier() throws Exception {
        FakeFactory factory = new FakeFactory();
        AtomicLong servedWaits = new AtomicLong();
        PoolListener waits = new PoolListener() {
            @Override
            public void acquireWaited(String pool, long waitNanos, boolean served) {
                if (served) {
                    servedWaits.incrementAndGet();
                }
            }
        };
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("virtual-thread-pinning")
                .min(POOL_SIZE).max(POOL_SIZE).acquireTimeout(Duration.ofSeconds(60)).jmx(false).listener(waits)
                .build())) {
            pool.initialize();
            round(pool); // warm-up: class loading, the JIT, each carrier's first park
            long waitsBefore = servedWaits.get();

            List<RecordedEvent> events;
            try (Recording recording = new Recording()) {
                recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
                // The pool's own wait event is recorded in its own test. Here it stays off: the JDK
                // may pin a virtual thread inside Event.commit() while the recorder flushes its
                // buffer, a cost of recording that event, not of the pool's paths.
                recording.disable("dev.scopepool.AcquireWait");
                recording.start();
                round(pool);
                recording.stop();
                Path file = dir.resolve("steady-state.jfr");
                recording.dump(file);
                events = RecordingFile.readAllEvents(file);
            }

            List<String> pinned = new ArrayList<>();
            for (RecordedEvent e : events) {
                if (e.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                    pinned.add(e.getDuration() + " at " + e.getStackTrace());
                }
            }
            assertEquals(List.of(), pinned, "virtual threads pinned their carrier");
            // Without waits the round would prove nothing about the queue and park path.
            long waited = servedWaits.get() - waitsBefore;
            assertTrue(waited >= THREADS, "only " + waited + " acquires waited among " + THREADS + " virtual threads");

            PoolStats stats = pool.stats();
            assertEquals(0, stats.inUse(), "resources still out: " + stats);
            assertEquals(2L * THREADS * LOANS_PER_THREAD, stats.acquired(), stats.toString());
            assertEquals(stats.acquired(), stats.released(), stats.toString());
            assertEquals(POOL_SIZE, factory.created(), "the pool only lent, it never replaced a resource");
        }
    }

    /**
     * Each virtual thread borrows {@value #LOANS_PER_THREAD} times, through acquire/release,
     * execute and lease in turn, holding the resource across a 50 µs sleep (a blocking wait
     * that unmounts the virtual thread).
     */
    private static void round(ResourcePool<Fake> pool) throws Exception {
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        Method isVirtual = Thread.class.getMethod("isVirtual");
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger platformThreads = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>(THREADS);
        try {
            for (int t = 0; t < THREADS; t++) {
                done.add(threads.submit(() -> {
                    if (!(boolean) isVirtual.invoke(Thread.currentThread())) {
                        platformThreads.incrementAndGet();
                    }
                    go.await();
                    for (int i = 0; i < LOANS_PER_THREAD; i++) {
                        borrowOnce(pool, i);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(ROUND_LIMIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(ROUND_LIMIT_SECONDS, TimeUnit.SECONDS), "virtual threads still running");
        }
        assertEquals(0, platformThreads.get(), "tasks that ran on a platform thread");
    }

    private static void borrowOnce(ResourcePool<Fake> pool, int loan) throws Exception {
        switch (loan % 3) {
            case 0 -> {
                Fake f = pool.acquire();
                try {
                    hold();
                } finally {
                    pool.release(f);
                }
            }
            case 1 -> pool.execute(f -> {
                hold();
                return f;
            });
            default -> {
                try (Lease<Fake> lease = pool.lease()) {
                    lease.get();
                    hold();
                }
            }
        }
    }

    private static void hold() throws InterruptedException {
        Thread.sleep(0, 50_000);
    }
}
