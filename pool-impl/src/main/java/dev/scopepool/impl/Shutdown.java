// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@code close} does once the pool is marked closed, in order: stops housekeeping and
 * queued creations, fails every waiter, destroys idle resources, waits until the deadline for
 * borrowed resources and running creations, destroys what is still borrowed, then ends the
 * pool's threads and tells the listeners.
 *
 * <p>Bounded by the deadline whatever hangs: borrowed resources are waited for until then,
 * and the threads only as long as is left of it (or a short grace for interrupted idle threads
 * to leave); a thread inside a {@code create} or health check the pool gave up on is not
 * waited for at all (see {@link PoolThreads}). The wait for outstanding work is on a lock of its
 * own, not a monitor: the last loan may end on a virtual thread.
 */
final class Shutdown<T> {

    private static final System.Logger LOG = System.getLogger(Shutdown.class.getName());
    /**
     * How long close waits for its threads once the deadline has passed: enough for interrupted
     * idle threads to leave.
     */
    private static final long THREAD_EXIT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String poolName;
    private final RunState<T> runState;
    private final SlotBag<T> bag;
    private final Allocator<T> allocator;
    private final Reclaimer<T> reclaimer;
    private final PoolMetrics metrics;
    private final PoolThreads threads;
    private final PoolEvents events;
    private final ReentrantLock outstandingLock = new ReentrantLock();
    private final Condition outstandingChanged = outstandingLock.newCondition();

    Shutdown(String poolName, RunState<T> runState, SlotBag<T> bag, Allocator<T> allocator, PoolMetrics metrics,
            PoolThreads threads, PoolEvents events) {
        this.poolName = poolName;
        this.runState = runState;
        this.bag = bag;
        this.allocator = allocator;
        this.reclaimer = allocator.reclaimer();
        this.metrics = metrics;
        this.threads = threads;
        this.events = events;
    }

    /** @return the deadline (a {@code System.nanoTime()}) of a close that starts now */
    static long deadline(Duration shutdownTimeout) {
        return System.nanoTime() + Math.min(Nanos.of(shutdownTimeout), Long.MAX_VALUE / 4);
    }

    /** Runs the close of a pool that was just marked closed, once. */
    void run(long deadline) {
        threads.housekeeper.shutdownNow();
        allocator.pruneCreations(); // queued creations never start; running ones are waited for below
        bag.failAll(runState.closedException());
        reclaimer.retireIdle(RetirementReason.CLOSED);
        awaitOutstanding(deadline);
        Duration shutdownTimeout = runState.config().shutdownTimeout();
        for (Slot<T> s : bag.slots()) {
            if (s.cas(Slot.BORROWED, Slot.REMOVED)) {
                LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': destroying a resource still borrowed after "
                        + shutdownTimeout.toMillis() + "ms: " + Slot.describe(s.resource));
                metrics.invalidated.increment();
                s.forcedAtClose = true;
                reclaimer.retire(s, RetirementReason.CLOSED);
            }
        }
        long threadWait = Math.max(deadline - System.nanoTime(), THREAD_EXIT_GRACE_NANOS);
        if (!threads.shutdownNow(threadWait) && !threads.isPoolThread()) {
            LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': a pool thread did not end within the shutdown "
                    + "timeout (a create, destroy or health check ignores interruption); it ends when that call returns");
        }
        int stuck = threads.inAbandonedCalls();
        if (stuck > 0) {
            LOG.log(Level.INFO, () -> "Pool '" + poolName + "': " + stuck + " pool thread(s) still inside a create "
                    + "or health check given up on; each ends when its call returns");
        }
        LOG.log(Level.DEBUG, () -> "Pool '" + poolName + "' closed");
        events.closed();
        events.clear(); // the closed pool tells nobody anything more, and holds no listener
    }

    /** A creation ended or a resource was destroyed: wakes a close waiting for both to drain. */
    void outstandingEnded() {
        outstandingLock.lock();
        try {
            outstandingChanged.signalAll();
        } finally {
            outstandingLock.unlock();
        }
    }

    /** Waits until no resource is out and no creation runs, or the deadline passes. */
    private void awaitOutstanding(long deadline) {
        outstandingLock.lock();
        try {
            while (bag.slots().length > 0 || allocator.capacity().snapshot().creating() > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                try {
                    outstandingChanged.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            outstandingLock.unlock();
        }
    }
}
