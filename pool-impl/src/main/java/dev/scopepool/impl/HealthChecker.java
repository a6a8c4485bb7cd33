package dev.scopepool.impl;

import dev.scopepool.HealthCheck;
import dev.scopepool.HealthCheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the pool's health check over its idle resources.
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

    private final EnginePool<T> pool;
    private final HealthCheck<T> check;
    private final long timeoutNanos;

    HealthChecker(EnginePool<T> pool, HealthCheck<T> check, long timeoutNanos) {
        this.pool = pool;
        this.check = check;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Checks every idle resource.
     *
     * @return how many were found unhealthy (timed out included)
     */
    int checkIdle() throws InterruptedException {
        List<Check> checks = new ArrayList<>();
        for (Slot<T> slot : pool.bag().slots()) {
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
                pool.threads().workers.execute(c);
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
                pool.recordUnhealthy(timedOutMessage());
                removed++;
            } else if (c.verdict.get() == UNHEALTHY) {
                removed++;
            }
        }
        return removed;
    }

    private String timedOutMessage() {
        return "health check timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms";
    }

    private final class Check implements Runnable {
        final Slot<T> slot;
        final AtomicInteger verdict = new AtomicInteger(PENDING);
        CountDownLatch done;

        Check(Slot<T> slot) {
            this.slot = slot;
        }

        @Override
        public void run() {
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
            try {
                if (failure == null && verdict.compareAndSet(PENDING, HEALTHY)) {
                    pool.recycle(slot);
                } else if (failure != null && verdict.compareAndSet(PENDING, UNHEALTHY)) {
                    pool.recordUnhealthy(failure);
                    pool.destroyUnhealthy(slot);
                } else {
                    pool.destroyUnhealthy(slot); // timed out: already counted
                }
            } finally {
                done.countDown();
            }
        }
    }
}
