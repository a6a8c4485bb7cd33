package dev.scopepool.impl;

import dev.scopepool.HealthCheck;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.impl.jfr.HealthCheckEvent;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the pool's health check over its idle resources, on demand and periodically, and keeps
 * the failures' bookkeeping: the unhealthy count, the last failure's message, the listeners'
 * notification. It reaches the pool only through {@link CheckedPool}.
 *
 * <p>Each idle slot is reserved (IDLE to RESERVED by CAS, so it can be neither acquired nor
 * checked twice) and checked on a worker thread. The caller waits at most the check
 * timeout for all of them. Each check's verdict is decided once, by CAS: by the check when
 * it returns in time, or as "timed out" by the waiting caller. A timed-out resource is
 * counted unhealthy at once but stays live (in {@code total}) until its check returns and
 * destroys it; the pool refills after that destruction.
 */
final class HealthChecker<T> {

    private static final int PENDING = 0;
    private static final int HEALTHY = 1;
    private static final int UNHEALTHY = 2;
    private static final int TIMED_OUT = 3;
    /** An acquirer waiting for a check before its loan stopped waiting; the check settles the slot. */
    private static final int GIVEN_UP = 4;

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

    /**
     * Checks every {@code intervalNanos}, the first time one interval from now, until the pool
     * closes; on a worker, since a check waits up to the health-check timeout for hung resources.
     */
    void schedulePeriodicChecks(long intervalNanos) {
        PeriodicWorkerRun.schedule(this::periodicCheck, intervalNanos, threads);
    }

    /** @return the message of the last failed check, or empty if none failed */
    String lastFailure() {
        return lastFailure;
    }

    private void periodicCheck() {
        try {
            checkIdle();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': periodic health check failed", e);
        }
    }

    /**
     * Checks every idle resource; nothing on a closed pool.
     *
     * @return how many were found unhealthy (timed out included)
     */
    int checkIdle() throws InterruptedException {
        if (pool.isClosed()) {
            return 0;
        }
        List<Check> checks = new ArrayList<>();
        for (Slot<T> slot : pool.slots()) {
            if (slot.state() == Slot.IDLE && slot.cas(Slot.IDLE, Slot.RESERVED)) {
                checks.add(new Check(slot));
            }
        }
        if (checks.isEmpty()) {
            return 0;
        }
        CountDownLatch done = new CountDownLatch(checks.size());
        for (Check c : checks) {
            c.done = done;
            try {
                threads.workers.execute(c);
            } catch (RejectedExecutionException closing) {
                done.countDown();
                c.verdict.set(HEALTHY);
                pool.recycle(c.slot);
            }
        }
        done.await(timeoutNanos, TimeUnit.NANOSECONDS);
        int removed = 0;
        for (Check c : checks) {
            if (c.verdict.compareAndSet(PENDING, TIMED_OUT)) {
                recordUnhealthy(timedOutMessage());
                removed++;
            } else if (c.verdict.get() == UNHEALTHY) {
                removed++;
            }
        }
        return removed;
    }

    /**
     * Checks a resource before it is lent, for an acquirer whose own deadline bounds the wait.
     * The check runs on a worker, never on the acquirer's thread: a hung check cannot be cut
     * short on the thread that runs it, and an acquire must never overshoot its timeout. The
     * acquirer waits until the check ends, its own deadline passes, or the check timeout
     * passes (then the resource counts as unhealthy at once and is destroyed when its check
     * returns, as with any check). If the acquirer stops waiting first, the check goes on and
     * settles the resource itself: back to the pool if healthy, destroyed if not.
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
        c.done = new CountDownLatch(1);
        try {
            threads.workers.execute(c);
        } catch (RejectedExecutionException closing) {
            pool.recycle(slot);
            return false;
        }
        boolean acquirerFirst = acquireDeadlineNanos - checkDeadline < 0;
        long waitUntil = acquirerFirst ? acquireDeadlineNanos : checkDeadline;
        try {
            c.done.await(waitUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            if (!c.verdict.compareAndSet(PENDING, GIVEN_UP) && c.verdict.get() == HEALTHY) {
                pool.recycle(slot);
            }
            throw e;
        }
        if (acquirerFirst && c.verdict.compareAndSet(PENDING, GIVEN_UP)) {
            return false;
        }
        if (!acquirerFirst && c.verdict.compareAndSet(PENDING, TIMED_OUT)) {
            recordUnhealthy(timedOutMessage());
            return false;
        }
        return c.verdict.get() == HEALTHY;
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

    private class Check implements Runnable {
        final Slot<T> slot;
        final AtomicInteger verdict = new AtomicInteger(PENDING);
        CountDownLatch done;

        Check(Slot<T> slot) {
            this.slot = slot;
        }

        @Override
        public void run() {
            HealthCheckEvent event = HealthCheckEvent.start();
            long start = System.nanoTime();
            String failure = null;
            try {
                HealthCheckResult result = check.check(slot.resource);
                if (result == null) {
                    failure = "health check returned null";
                } else if (!result.healthy()) {
                    failure = result.message() != null ? result.message() : "unhealthy";
                } else if (System.nanoTime() - start > timeoutNanos) {
                    // Over the timeout is unhealthy even when no caller stayed to time it out
                    // (checkHealth() was interrupted): the verdict must not depend on who waits.
                    failure = timedOutMessage();
                }
            } catch (Throwable e) {
                failure = e.toString();
            }
            event.finish(poolName, failure);
            try {
                if (failure == null) {
                    slot.vettedAtNanos = start; // known good: a check on acquire can skip it for its window
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
            } finally {
                done.countDown();
            }
        }

        /** The check passed in time: the pool takes the resource back. */
        void passed() {
            pool.recycle(slot);
        }
    }

    /** A check before a loan: when it passes in time, the waiting acquirer lends the resource. */
    private final class LoanCheck extends Check {
        LoanCheck(Slot<T> slot) {
            super(slot);
        }

        @Override
        void passed() {
            // the acquirer, still waiting, holds the slot from here
        }
    }
}
