// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolOverloadedException;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measures, not a test: how long callers wait while a pool's backend is down, with
 * {@code failFastAfter} off and on. Prints a Markdown table; asserts nothing about timing.
 *
 * <p>The scenario: 50 threads each acquire, use the resource for 5 ms, release, and think for
 * 10 ms, against a pool of max 10 with a 2 s acquire timeout. After 1 s the backend goes down
 * for 10 s: a creation then fails after 1 s (a connect timeout), and a borrowed resource is
 * found broken and invalidated. Then it is healthy again for 8 s, long enough for the probe's
 * backoff to notice. Reported are the acquires that started during the outage, and how long
 * after the backend's return the first caller was served. Run after {@code mvn -o -pl pool-api,pool-impl -am test-compile}:
 * <pre>
 * java -cp pool-api/target/classes:pool-impl/target/classes:pool-impl/target/test-classes \
 *     dev.scopepool.impl.blackbox.OutageWaitTimes
 * </pre>
 * System properties {@code threads}, {@code outageSeconds}, {@code acquireTimeoutMs},
 * {@code failLatencyMs} and {@code failFastAfter} (for the "on" run, default 3) change it.
 */
public final class OutageWaitTimes {

    private static final int THREADS = Integer.getInteger("threads", 50);
    private static final long OUTAGE_NANOS = TimeUnit.SECONDS.toNanos(Integer.getInteger("outageSeconds", 10));
    private static final long ACQUIRE_TIMEOUT_MS = Integer.getInteger("acquireTimeoutMs", 2_000);
    private static final long FAIL_LATENCY_NANOS = TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("failLatencyMs", 1_000));
    private static final int FAIL_FAST_AFTER = Integer.getInteger("failFastAfter", 3);
    private static final long BEFORE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long AFTER_NANOS = TimeUnit.SECONDS.toNanos(8);
    private static final long USE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long THINK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private OutageWaitTimes() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("dev.scopepool").setLevel(Level.OFF); // every failed creation would log a warning
        System.out.printf("%d threads, max 10, acquire timeout %d ms, backend down %d s (a creation fails after %d ms)%n%n",
                THREADS, ACQUIRE_TIMEOUT_MS, TimeUnit.NANOSECONDS.toSeconds(OUTAGE_NANOS),
                TimeUnit.NANOSECONDS.toMillis(FAIL_LATENCY_NANOS));
        System.out.println("| failFastAfter | acquires during outage | served | timed out | creation failed | refused (down) "
                + "| wait p50 ms | wait p99 ms | wait max ms | first served after recovery ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        System.out.println(run(0));
        System.out.println(run(FAIL_FAST_AFTER));
    }

    /** One run of the scenario; @return its table row */
    private static String run(int failFastAfter) throws InterruptedException {
        Backend backend = new Backend();
        PoolConfig<Fake> config = PoolConfig.<Fake>builder().name("outage-" + failFastAfter).create(backend::connect)
                .max(10).acquireTimeout(Duration.ofMillis(ACQUIRE_TIMEOUT_MS)).failFastAfter(failFastAfter)
                .shutdownTimeout(Duration.ofSeconds(1)).jmx(false).build();
        Tally tally = new Tally();
        try (ResourcePool<Fake> pool = ResourcePools.create(config)) {
            long start = System.nanoTime();
            long outageStart = start + BEFORE_NANOS;
            long outageEnd = outageStart + OUTAGE_NANOS;
            long end = outageEnd + AFTER_NANOS;
            CountDownLatch done = new CountDownLatch(THREADS);
            for (int i = 0; i < THREADS; i++) {
                Thread t = new Thread(() -> {
                    try {
                        callerLoop(pool, backend, tally, outageStart, outageEnd, end);
                    } finally {
                        done.countDown();
                    }
                }, "caller-" + i);
                t.setDaemon(true);
                t.start();
            }
            LockSupport.parkNanos(outageStart - System.nanoTime());
            backend.down = true;
            LockSupport.parkNanos(outageEnd - System.nanoTime());
            backend.down = false;
            if (!done.await(end - System.nanoTime() + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("callers still running 30 s after the end");
            }
        }
        return tally.row(failFastAfter);
    }

    private static void callerLoop(ResourcePool<Fake> pool, Backend backend, Tally tally, long outageStart,
            long outageEnd, long end) {
        for (long now = System.nanoTime(); now - end < 0; now = System.nanoTime()) {
            boolean duringOutage = now - outageStart >= 0 && now - outageEnd < 0;
            String outcome;
            Fake f = null;
            try {
                f = pool.acquire();
                outcome = "served";
            } catch (AcquireTimeoutException e) {
                outcome = "timeout";
            } catch (ResourceCreationException e) {
                outcome = e.getMessage().contains("is down") ? "down" : "failed";
            } catch (PoolOverloadedException e) {
                outcome = "rejected";
            } catch (InterruptedException e) {
                return;
            }
            long waited = System.nanoTime() - now;
            if (duringOutage) {
                tally.add(outcome, waited);
            } else if (f != null && now - outageEnd >= 0) {
                tally.servedAfterRecovery(System.nanoTime() - outageEnd);
            }
            if (f != null) {
                if (backend.down) {
                    pool.invalidate(f); // the connection broke with its backend
                } else {
                    LockSupport.parkNanos(USE_NANOS);
                    pool.release(f);
                }
            }
            LockSupport.parkNanos(THINK_NANOS);
        }
    }

    /** A backend that connects in a moment while up, and fails after a connect timeout while down. */
    private static final class Backend {
        private final AtomicLong ids = new AtomicLong();
        volatile boolean down;

        Fake connect() throws Exception {
            if (down) {
                LockSupport.parkNanos(FAIL_LATENCY_NANOS);
                throw new java.net.ConnectException("connect timed out: backend down");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            return new Fake(ids.incrementAndGet());
        }
    }

    /** The outcomes and waits of the acquires that started during the outage. */
    private static final class Tally {
        private final List<Long> waits = new ArrayList<>();
        private final java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        private final AtomicLong firstServedAfterRecovery = new AtomicLong(Long.MAX_VALUE);

        synchronized void add(String outcome, long waitNanos) {
            waits.add(waitNanos);
            outcomes.merge(outcome, 1, Integer::sum);
        }

        void servedAfterRecovery(long nanosAfterEnd) {
            firstServedAfterRecovery.accumulateAndGet(nanosAfterEnd, Math::min);
        }

        synchronized String row(int failFastAfter) {
            long[] sorted = waits.stream().mapToLong(Long::longValue).sorted().toArray();
            return String.format("| %s | %d | %d | %d | %d | %d | %.1f | %.1f | %.1f | %s |",
                    failFastAfter == 0 ? "off" : String.valueOf(failFastAfter), sorted.length,
                    outcomes.getOrDefault("served", 0), outcomes.getOrDefault("timeout", 0),
                    outcomes.getOrDefault("failed", 0), outcomes.getOrDefault("down", 0),
                    millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)),
                    millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                    firstServedAfterRecovery.get() == Long.MAX_VALUE ? "never"
                            : String.format("%.0f", millis(firstServedAfterRecovery.get())));
        }

        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }
}
