// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.HealthCheck;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.impl.jfr.HealthCheckEvent;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the pool's health check over its idle resources, on demand and periodically, and keeps
 * the failures' bookkeeping: the unhealthy count, the last failure's message, the listeners'
 * notification. It reaches the pool only through {@link CheckedPool}.
 *
 * <p>Each idle slot is reserved (IDLE to RESERVED by CAS, so it can be neither acquired nor
 * checked twice) and checked on one of the pool's {@value PoolThreads#CHECKERS} checker
 * threads; checks beyond those queue. A check not started within the check timeout is
 * skipped (its resource goes back unchecked, to be checked next time). Each check's verdict is
 * decided once, by CAS: by the check when it returns in time, or as "timed out".
 *
 * <p>A hung check. {@code healthCheckTimeout} after it started (after {@code checkHealth()}
 * queued it, for an on-demand check) it is timed out: counted unhealthy, and its thread is
 * interrupted. It still counts in {@code total} while it may return. If it has not returned
 * after another {@code healthCheckTimeout}, it is abandoned: its resource leaves {@code total}
 * (and so no longer counts against {@code max}), counts in {@code abandoned}, and the pool
 * refills; the resource is destroyed if and when the check returns. A hung check holds its
 * checker thread until it returns, so at most {@value PoolThreads#CHECKERS} hung checks occupy
 * threads; while that many hang, further checks are skipped.
 */
final class HealthChecker<T> {

    private static final int PENDING = 0;
    private static final int HEALTHY = 1;
    private static final int UNHEALTHY = 2;
    private static final int TIMED_OUT = 3;
    /** An acquirer waiting for a check before its loan stopped waiting; the check settles the slot. */
    private static final int GIVEN_UP = 4;

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int RETURNED = 2;
    private static final int ABANDONED = 3;
    private static final int SKIPPED = 4;

    private static final System.Logger LOG = System.getLogger(HealthChecker.class.getName());

    private final String poolName;
    private final CheckedPool<T> pool;
    private final HealthCheck<T> check;
    private final long timeoutNanos;
    private final PoolThreads threads;
    private final PoolMetrics metrics;
    private final PoolEvents events;
    private volatile String lastFailure = "";

    HealthChecker(String poolName, CheckedPool<T> pool, HealthCheck<T> check, long timeoutNanos,
            PoolThreads threads, PoolMetrics metrics, PoolEvents events) {
        this.poolName = poolName;
        this.pool = pool;
        this.check = check;
        this.timeoutNanos = timeoutNanos;
        this.threads = threads;
        this.metrics = metrics;
        this.events = events;
    }

    /** Checks every {@code intervalNanos}, the first time one interval from now, until the pool closes. */
    void schedulePeriodicChecks(long intervalNanos) {
        threads.housekeeper.scheduleWithFixedDelay(this::periodicCheck, intervalNanos, intervalNanos,
                TimeUnit.NANOSECONDS);
    }

    /** @return the message of the last failed check, or empty if none failed */
    String lastFailure() {
        return lastFailure;
    }

    /**
     * Starts a periodic round on the housekeeper without waiting for it: the housekeeper must
     * stay free to time out asynchronous acquires on time. The round's deadline is kept by a
     * housekeeper task instead.
     */
    private void periodicCheck() {
        try {
            List<Check> checks = startChecks();
            if (!checks.isEmpty()) {
                threads.housekeeper.schedule(() -> skipUnstarted(checks), timeoutNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException closing) {
            // the pool closed meanwhile; close sweeps what is idle
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': periodic health check failed", e);
        }
    }

    /**
     * Checks every idle resource, waiting at most the check timeout; nothing on a closed pool.
     *
     * @return how many were found unhealthy (timed out included)
     */
    int checkIdle() throws InterruptedException {
        if (pool.isClosed()) {
            return 0;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        List<Check> checks = startChecks();
        if (checks.isEmpty()) {
            return 0;
        }
        CountDownLatch done = checks.get(0).done;
        try {
            done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } finally {
            skipUnstarted(checks);
        }
        int removed = 0;
        for (Check c : checks) {
            if (c.timeOut() || c.verdict.get() == UNHEALTHY || c.verdict.get() == TIMED_OUT) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Checks a resource before it is lent, for an acquirer whose own deadline bounds the wait.
     * The check runs on a checker thread, never on the acquirer's thread: a hung check cannot
     * be cut short on the thread that runs it, and an acquire must never overshoot its timeout.
     * The acquirer waits until the check ends, its own deadline passes, or the check timeout
     * passes (then the resource counts as unhealthy at once and the check goes on as any timed
     * out check: interrupted, abandoned if it still hangs). If the acquirer stops waiting first,
     * the check goes on and settles the resource itself: back to the pool if healthy, destroyed
     * if not; a check that had not even started by then gives the resource back unchecked.
     *
     * @param slot held RESERVED by the caller
     * @param acquireDeadlineNanos when the acquirer's timeout ends ({@link System#nanoTime()} scale)
     * @return true if it passed: the caller still holds it; false if it failed (it is being
     *         destroyed) or the acquirer's time ran out first (the check keeps it)
     * @throws InterruptedException if interrupted while waiting; the check keeps the slot
     */
    boolean passesBeforeLoan(Slot<T> slot, long acquireDeadlineNanos) throws InterruptedException {
        long checkDeadline = System.nanoTime() + timeoutNanos;
        Check c = new LoanCheck(slot);
        try {
            threads.checkers.execute(c);
        } catch (RejectedExecutionException closing) {
            c.skip();
            return false;
        }
        boolean acquirerFirst = acquireDeadlineNanos - checkDeadline < 0;
        long waitUntil = acquirerFirst ? acquireDeadlineNanos : checkDeadline;
        try {
            c.done.await(waitUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            c.leaveToCheck();
            throw e;
        }
        if (c.skip()) {
            return false; // no checker thread was free in time: back to the pool, unchecked
        }
        if (acquirerFirst && c.verdict.compareAndSet(PENDING, GIVEN_UP)) {
            return false;
        }
        if (!acquirerFirst && c.timeOut()) {
            return false;
        }
        return c.verdict.get() == HEALTHY;
    }

    /** Reserves every idle slot and queues a check of each; @return the checks */
    private List<Check> startChecks() {
        List<Slot<T>> reserved = new ArrayList<>();
        for (Slot<T> slot : pool.slots()) {
            if (slot.state() == Slot.IDLE && slot.cas(Slot.IDLE, Slot.RESERVED)) {
                reserved.add(slot);
            }
        }
        List<Check> checks = new ArrayList<>(reserved.size());
        CountDownLatch done = new CountDownLatch(reserved.size());
        for (Slot<T> slot : reserved) {
            Check c = new Check(slot, done);
            checks.add(c);
            try {
                threads.checkers.execute(c);
            } catch (RejectedExecutionException closing) {
                c.skip();
            }
        }
        return checks;
    }

    /** At a round's deadline: checks still waiting for a checker thread give their resource back. */
    private void skipUnstarted(List<Check> checks) {
        checks.forEach(Check::skip);
    }

    /**
     * Gives a reserved slot back on a worker: the caller may be an acquirer or the housekeeper,
     * and taking a slot back can mean destroying it (surplus, due), whose destroyer must not
     * hold either up.
     */
    private void giveBack(Slot<T> slot) {
        try {
            threads.workers.execute(() -> pool.recycle(slot));
        } catch (RejectedExecutionException closing) {
            pool.recycle(slot);
        }
    }

    private void recordUnhealthy(String message) {
        metrics.unhealthy.incrementAndGet();
        lastFailure = message;
        LOG.log(Level.INFO, () -> "Pool '" + poolName + "': health check failed: " + message);
        events.healthCheckFailed(message);
    }

    private String timedOutMessage() {
        return "health check timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms";
    }

    private class Check implements PoolThreads.Task {
        final Slot<T> slot;
        final CountDownLatch done;
        final AtomicInteger verdict = new AtomicInteger(PENDING);
        final AtomicInteger phase = new AtomicInteger(QUEUED);
        /** The checker thread inside the check, while it is there; guarded by this. */
        private Thread runner;
        private volatile ScheduledFuture<?> timer;
        private volatile long startNanos;

        Check(Slot<T> slot, CountDownLatch done) {
            this.slot = slot;
            this.done = done;
        }

        /** Gives the slot back unchecked if the check has not started; @return whether it did */
        boolean skip() {
            if (phase.compareAndSet(QUEUED, SKIPPED)) {
                giveBack(slot);
                done.countDown();
                return true;
            }
            return false;
        }

        /** The acquirer waiting for this check stops waiting: whoever holds the slot settles it. */
        void leaveToCheck() {
            if (!skip() && !verdict.compareAndSet(PENDING, GIVEN_UP) && verdict.get() == HEALTHY) {
                giveBack(slot); // it passed, and the acquirer held it: give it back
            }
        }

        /** The check passed in time: the pool takes the resource back. */
        void passed() {
            pool.recycle(slot);
        }

        @Override
        public void dropped() {
            skip();
        }

        @Override
        public void run() {
            if (!phase.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            HealthCheckEvent event = HealthCheckEvent.start();
            long start = System.nanoTime();
            startNanos = start;
            synchronized (this) {
                runner = Thread.currentThread();
            }
            schedule(this::timeOut, timeoutNanos);
            String failure = null;
            try {
                HealthCheckResult result = check.check(slot.resource);
                if (result == null) {
                    failure = "health check returned null";
                } else if (!result.healthy()) {
                    failure = result.message() != null ? result.message() : "unhealthy";
                } else if (System.nanoTime() - start > timeoutNanos) {
                    // Over the timeout is unhealthy even if the timer has not run yet: the verdict
                    // must not depend on how busy the housekeeper is.
                    failure = timedOutMessage();
                }
            } catch (Throwable e) {
                failure = e.toString();
            } finally {
                synchronized (this) {
                    runner = null;
                }
                threads.callReturned();
                Thread.interrupted(); // an interrupt meant for the check must not reach the next task
            }
            event.finish(poolName, failure);
            try {
                settle(failure);
            } finally {
                done.countDown();
            }
        }

        private void settle(String failure) {
            if (!phase.compareAndSet(RUNNING, RETURNED)) {
                pool.destroyAbandoned(slot); // given up while hung: it left total then
                return;
            }
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            if (failure == null) {
                slot.vettedAtNanos = startNanos; // known good: a check on acquire can skip it for its window
            }
            if (failure == null && verdict.compareAndSet(PENDING, HEALTHY)) {
                passed();
            } else if (failure == null && verdict.compareAndSet(GIVEN_UP, HEALTHY)) {
                pool.recycle(slot);
            } else if (failure != null && (verdict.compareAndSet(PENDING, UNHEALTHY)
                    || verdict.compareAndSet(GIVEN_UP, UNHEALTHY))) {
                recordUnhealthy(failure);
                pool.retireUnhealthy(slot);
            } else {
                pool.retireUnhealthy(slot); // timed out: already counted
            }
        }

        /**
         * Times out a running check: counts it unhealthy, interrupts its thread, and arms the
         * abandonment one timeout later.
         *
         * @return whether this call timed it out
         */
        boolean timeOut() {
            if (phase.get() != RUNNING
                    || !verdict.compareAndSet(PENDING, TIMED_OUT) && !verdict.compareAndSet(GIVEN_UP, TIMED_OUT)) {
                return false;
            }
            recordUnhealthy(timedOutMessage());
            synchronized (this) {
                if (runner != null) {
                    threads.abandonedCall(runner); // close need not wait for it; see PoolThreads
                    runner.interrupt();
                }
            }
            schedule(this::abandon, timeoutNanos);
            return true;
        }

        /** Still hung one more timeout after timing out: the pool stops counting its resource. */
        private void abandon() {
            if (phase.compareAndSet(RUNNING, ABANDONED)) {
                LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': a health check hung for "
                        + 2 * TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms; its resource is abandoned "
                        + "and will be destroyed if the check ever returns");
                pool.abandon(slot);
            }
        }

        private void schedule(Runnable task, long delayNanos) {
            try {
                timer = threads.housekeeper.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                // the pool is closing: close interrupts the check and destroys its resource
            }
        }
    }

    /** A check before a loan: when it passes in time, the waiting acquirer lends the resource. */
    private final class LoanCheck extends Check {
        LoanCheck(Slot<T> slot) {
            super(slot, new CountDownLatch(1));
        }

        @Override
        void passed() {
            // the acquirer, still waiting, holds the slot from here
        }
    }
}
