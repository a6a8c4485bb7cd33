// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one pool, a fixed number whatever the load, sizes or resizes ask for:
 * <ul>
 *   <li>one housekeeper for timed work (periodic checks, timeouts, backoffs);</li>
 *   <li>up to {@code maxConcurrentCreates} creators, which run {@code create};</li>
 *   <li>up to {@value #CHECKERS} checkers, which run health checks (a hung check holds one
 *       until it returns);</li>
 *   <li>up to {@value #WORKERS} workers, which complete asynchronous acquires (and so run what
 *       the caller chained to them) and take work off callers' threads: retirements that must
 *       not hold up an acquirer, periodic lifecycle sweeps.</li>
 * </ul>
 * Work beyond a role's threads queues. All are daemon threads named
 * {@code scopepool-<pool>-<role>-<n>}; none is started before it is needed, idle ones end after
 * a while, and {@link #shutdownNow(long)} ends them all, but for a thread still inside a user
 * call that the pool gave up on (a hung {@code create} or health check): that one is
 * interrupted and not waited for, and ends when its call returns.
 */
final class PoolThreads {

    /**
     * Work that must be settled even if it never runs: close stops the threads and drops what
     * still waits in their queues, and tells each dropped task so (on the closing thread). Any
     * other work dropped from a worker queue is run on the closing thread instead.
     */
    interface Task extends Runnable {
        /** This task will never run: release what it holds (a reservation, a slot, a waiter). */
        void dropped();
    }

    private static final System.Logger LOG = System.getLogger(PoolThreads.class.getName());

    /** Health checks that run at once, hung ones included. */
    static final int CHECKERS = 2;
    /** Asynchronous acquires completed, and other work done off callers' threads, at once. */
    static final int WORKERS = 2;
    /** Idle threads linger this long so a busy pool does not start a thread per task. */
    private static final long KEEP_ALIVE_SECONDS = 10;

    private final Set<Thread> started = ConcurrentHashMap.newKeySet();
    /** Threads inside a {@code create} or health check the pool gave up on: close does not wait for them. */
    private final Set<Thread> inAbandonedCalls = ConcurrentHashMap.newKeySet();
    final ScheduledThreadPoolExecutor housekeeper;
    final ThreadPoolExecutor creators;
    final ThreadPoolExecutor checkers;
    final ThreadPoolExecutor workers;

    PoolThreads(String poolName, int maxConcurrentCreates) {
        housekeeper = new ScheduledThreadPoolExecutor(1, factory(poolName, "housekeeper"));
        housekeeper.setRemoveOnCancelPolicy(true);
        housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        housekeeper.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        creators = bounded(maxConcurrentCreates, factory(poolName, "creator"));
        checkers = bounded(CHECKERS, factory(poolName, "checker"));
        workers = bounded(WORKERS, factory(poolName, "worker"));
    }

    /** @return at most {@code threads} threads, started on demand, ending when idle; the rest queues */
    private static ThreadPoolExecutor bounded(int threads, ThreadFactory factory) {
        ThreadPoolExecutor e = new ThreadPoolExecutor(threads, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /** @return whether the calling thread is one of this pool's */
    boolean isPoolThread() {
        return started.contains(Thread.currentThread());
    }

    /**
     * The pool gave up on the user call that {@code runner} is in. Called while the call's
     * owner holds the lock that {@code runner} takes on its way out of the call, so that the
     * {@link #callReturned()} that follows comes after this.
     */
    void abandonedCall(Thread runner) {
        inAbandonedCalls.add(runner);
    }

    /** The calling pool thread left a user call, given up on or not. */
    void callReturned() {
        inAbandonedCalls.remove(Thread.currentThread());
    }

    /**
     * Interrupts every pool thread and waits for them to end, except for those still inside a
     * call the pool gave up on.
     *
     * @return whether all it waited for ended within the wait
     */
    boolean shutdownNow(long waitNanos) {
        List<ExecutorService> all = List.of(housekeeper, creators, checkers, workers);
        for (ExecutorService e : all) {
            for (Runnable never : e.shutdownNow()) {
                if (never instanceof Task task) {
                    settle(task);
                } else if (e != housekeeper) {
                    settle(never::run); // a retirement that was to run off its caller's thread: run it here
                }
            }
        }
        if (isPoolThread()) {
            return false; // a pool thread closing its own pool cannot wait for itself
        }
        long deadline = System.nanoTime() + waitNanos;
        try {
            // Joined rather than awaited through the executors: awaitTermination would wait
            // for a thread stuck in an abandoned call too. Joining also covers a worker that
            // has left run() but not yet died, so "no pool thread outlives close()" holds to
            // the letter for every thread that can end.
            for (Thread t : started) {
                if (inAbandonedCalls.contains(t)) {
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, remaining);
                }
                if (t.isAlive() && !inAbandonedCalls.contains(t)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return how many pool threads are still inside calls the pool gave up on */
    int inAbandonedCalls() {
        return inAbandonedCalls.size();
    }

    private static void settle(Task task) {
        settle((Runnable) task::dropped);
    }

    private static void settle(Runnable settling) {
        try {
            settling.run();
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "settling a task dropped at close failed", e);
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
