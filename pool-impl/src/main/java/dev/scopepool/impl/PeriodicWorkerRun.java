// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Periodic work that the housekeeper starts on a worker instead of running itself: the work
 * calls user code (a health check, a destroyer) that may take long, and the housekeeper must
 * stay free to time out asynchronous acquires on time. A run still going when the next is due
 * skips that one, so runs never overlap.
 */
final class PeriodicWorkerRun {

    private final Runnable work;
    private final PoolThreads threads;
    private final AtomicBoolean running = new AtomicBoolean();

    private PeriodicWorkerRun(Runnable work, PoolThreads threads) {
        this.work = work;
        this.threads = threads;
    }

    /** Starts the work every {@code periodNanos}, the first time one period from now, until the pool's threads shut down. */
    static void schedule(Runnable work, long periodNanos, PoolThreads threads) {
        PeriodicWorkerRun run = new PeriodicWorkerRun(work, threads);
        threads.housekeeper.scheduleWithFixedDelay(run::start, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            threads.workers.execute(() -> {
                try {
                    work.run();
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            running.set(false);
        }
    }
}
