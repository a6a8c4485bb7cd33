package dev.scopepool.impl;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one pool: a single housekeeper for timed work, and workers started on
 * demand for creations, health checks and completing asynchronous acquires. All are daemon
 * threads named {@code scopepool-<pool>-<role>-<n>}; none is started before it is needed,
 * and {@link #shutdownNow(long)} ends them all.
 */
final class PoolThreads {

    /** Idle workers linger this long so a busy pool does not start a thread per creation. */
    private static final long WORKER_KEEP_ALIVE_SECONDS = 10;

    private final Set<Thread> started = ConcurrentHashMap.newKeySet();
    final ScheduledThreadPoolExecutor housekeeper;
    final ExecutorService workers;

    PoolThreads(String poolName) {
        housekeeper = new ScheduledThreadPoolExecutor(1, factory(poolName, "housekeeper"));
        housekeeper.setRemoveOnCancelPolicy(true);
        housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        housekeeper.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_KEEP_ALIVE_SECONDS,
                TimeUnit.SECONDS, new SynchronousQueue<>(), factory(poolName, "worker"));
    }

    /** @return whether the calling thread is one of this pool's */
    boolean isPoolThread() {
        return started.contains(Thread.currentThread());
    }

    /**
     * Interrupts every pool thread and waits for them to end.
     *
     * @return whether all ended within the wait
     */
    boolean shutdownNow(long waitNanos) {
        housekeeper.shutdownNow();
        workers.shutdownNow();
        if (isPoolThread()) {
            return false; // a pool thread closing its own pool cannot wait for itself
        }
        long deadline = System.nanoTime() + waitNanos;
        try {
            if (!housekeeper.awaitTermination(waitNanos, TimeUnit.NANOSECONDS)
                    || !workers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            // A terminated executor's last worker may still be on its way out of run():
            // join them, so that "no pool thread outlives close()" holds to the letter.
            for (Thread t : started) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedJoin(t, remaining);
            }
            return started.stream().noneMatch(Thread::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ThreadFactory factory(String poolName, String role) {
        AtomicInteger count = new AtomicInteger();
        String prefix = "scopepool-" + poolName + "-" + role + "-";
        return runnable -> {
            Thread t = new Thread(runnable, prefix + count.incrementAndGet());
            t.setDaemon(true);
            // Ended workers (idle ones time out) are forgotten here rather than on their way
            // out, so close can still join a thread that has left run() but not yet died.
            started.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            started.add(t);
            return t;
        };
    }
}
