// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.testkit.Fake;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * The concurrent reader of one round: reads {@code stats()} as fast as it can while the round
 * runs, and every few snapshots counts the pool's threads. Every snapshot must be consistent
 * ({@code available + inUse <= total}, {@code total + creating} within the bound in force, no
 * negative count), and the threads must stay within the pool's fixed bound whatever the round
 * does: {@code maxConcurrentCreates} creators (hung and given-up creates included), plus the
 * housekeeper, two health checkers and two async deliverers.
 */
final class SnapshotWatcher implements Runnable {

    /** Housekeeper, checkers and deliverers: what a pool may run besides its creators. */
    static final int FIXED_THREADS = 5;
    private static final int SNAPSHOTS_PER_THREAD_COUNT = 50;

    private final ResourcePool<Fake> pool;
    private final String threadPrefix;
    private final IntSupplier ceiling;
    private final int threadBound;
    private final Violations violations;
    private final AtomicInteger mostThreads;
    private final Thread thread;
    private volatile boolean stop;
    private long snapshots;

    /**
     * @param ceiling the bound for {@code total + creating} in force now (larger after a shrink)
     * @param mostThreads where the most pool threads seen at once are kept, across rounds
     */
    SnapshotWatcher(ResourcePool<Fake> pool, int maxConcurrentCreates, IntSupplier ceiling, Violations violations,
            AtomicInteger mostThreads) {
        this.pool = pool;
        this.threadPrefix = "scopepool-" + pool.name() + "-";
        this.ceiling = ceiling;
        this.threadBound = maxConcurrentCreates + FIXED_THREADS;
        this.violations = violations;
        this.mostThreads = mostThreads;
        this.thread = new Thread(this, "stress-watcher-" + pool.name());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops reading and waits for the reader; @return how many snapshots it read */
    long stop() throws InterruptedException {
        stop = true;
        thread.join(TimeUnit.SECONDS.toMillis(10));
        return snapshots;
    }

    @Override
    public void run() {
        while (!stop && violations.count() == 0) {
            int bound = ceiling.getAsInt(); // read before the snapshot: a shrink only lowers it later
            PoolStats s = pool.stats();
            snapshots++;
            String wrong = s.total() < 0 || s.available() < 0 || s.inUse() < 0 || s.creating() < 0 || s.waiting() < 0
                    ? "a negative count"
                    : s.available() + s.inUse() > s.total() ? "available + inUse above total"
                    : s.total() + s.creating() > bound ? "total + creating above " + bound
                    : null;
            if (wrong != null) {
                violations.report(pool.name() + ": snapshot with " + wrong + " (seen by the watcher): " + s);
            }
            if (snapshots % SNAPSHOTS_PER_THREAD_COUNT == 0) {
                countThreads();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // leaves the cores to the load
            }
        }
    }

    private void countThreads() {
        // Thread.enumerate, not getAllStackTraces: a safepoint every few milliseconds would stall
        // the very calls whose timeliness the run judges.
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(all, true);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (all[i].isAlive() && all[i].getName().startsWith(threadPrefix)) {
                names.add(all[i].getName());
            }
        }
        mostThreads.accumulateAndGet(names.size(), Math::max);
        if (names.size() > threadBound) {
            violations.report(pool.name() + ": " + names.size() + " pool threads, bound " + threadBound + ": " + names);
        }
    }
}
