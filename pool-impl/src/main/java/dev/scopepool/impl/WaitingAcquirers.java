// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolOverloadedException;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.PoolStats;
import dev.scopepool.impl.jfr.AcquireWaitEvent;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The slow path of acquire: what happens to an acquirer that found nothing idle.
 *
 * <p>When nothing more can be created a platform thread first retries the claim a few times,
 * yielding in between, since a borrower is usually about to give one back. Then it queues (FIFO,
 * see {@link WaiterQueue}), which starts what can serve it (a creation of its own below max, the
 * min fill, idle slots). A blocked platform thread yields a few more times, then parks until it
 * is served, failed, times out or is interrupted. A virtual thread never yields (see
 * {@link VirtualThreads}): it queues and parks at once, and the releaser that serves it unparks
 * it, one wake per hand-off. An asynchronous acquirer is timed out by the
 * housekeeper and completed on a worker, never on the thread that released the resource.
 * An acquirer that does not wait (timeout 0) never queues: it starts a spare creation and
 * fails at once.
 *
 * <p>Two limits refuse an acquirer before it queues. While the pool is down (see
 * {@link Outage}) it fails at once with the outage's refusal, having waited for nothing. When
 * {@code maxWaiters} callers are queued already it fails with {@link PoolOverloadedException}
 * (counted in {@code rejected}), after starting a spare creation as a non-waiting acquirer
 * does; the queue checks the limit and queues in one step, so it never holds more.
 */
final class WaitingAcquirers<T> {

    /**
     * Claim attempts, each after a yield, before a platform thread finding the pool full queues.
     * With more threads than cores a yield is what lets a holder finish and release; measured
     * with 2 resources and 4 or 8 platform threads, 16 and 32 (below) kept the longest waits
     * short (p99.9 under a microsecond where 4 and 8 let a few waits span a descheduled holder)
     * at the same throughput and fairness.
     */
    private static final int CLAIM_RETRIES = 16;
    /** Yields a queued platform thread spends watching for a hand-off before it parks. */
    private static final int HAND_OFF_YIELDS = 32;
    /**
     * A yield that took longer than this gave the core to other threads for a time slice; it
     * is remembered ({@link #slowYieldNanos}), because the next yield may take as long. Yields
     * unchecked against the deadline once made a 10 ms acquire return 1.6 s late next to CPU
     * hogs.
     */
    private static final long SLOW_YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long a slow yield is remembered. */
    private static final long SLOW_YIELD_MEMORY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Hands a slot its caller won to that caller; the pool's own rules for lending. */
    interface Lender<T> {
        /**
         * @param deadlineNanos when the acquirer's timeout ends: bounds any check before the loan
         * @return the resource, or null if the slot was unfit to lend (it is taken care of): look again
         * @throws PoolClosedException if the pool closed meanwhile (the slot is then taken care of)
         * @throws InterruptedException if interrupted during a check before the loan
         */
        T lend(Slot<T> slot, long deadlineNanos) throws InterruptedException;

        /** @return whether acquire's fast path left claiming to this slow path (a loan may wait for a check) */
        boolean defersClaims();
    }

    private final String poolName;
    private final RunState<T> runState;
    private final SlotBag<T> bag;
    private final Allocator<T> allocator;
    private final Reclaimer<T> reclaimer;
    private final PoolMetrics metrics;
    private final PoolThreads threads;
    private final PoolEvents events;
    private final Lender<T> lender;
    private final Supplier<PoolStats> stats;
    /**
     * The last slow yield of this pool's acquirers: how long it took, and when it ended (a
     * {@code System.nanoTime()}). Written racily, read as a hint: any recent slow yield will do.
     */
    private volatile long slowYieldNanos;
    private volatile long slowYieldEndedAt = System.nanoTime() - SLOW_YIELD_MEMORY_NANOS;

    WaitingAcquirers(String poolName, RunState<T> runState, SlotBag<T> bag, Allocator<T> allocator,
            PoolMetrics metrics, PoolThreads threads, PoolEvents events, Lender<T> lender,
            Supplier<PoolStats> stats) {
        this.poolName = poolName;
        this.runState = runState;
        this.bag = bag;
        this.allocator = allocator;
        this.reclaimer = allocator.reclaimer();
        this.metrics = metrics;
        this.threads = threads;
        this.events = events;
        this.lender = lender;
        this.stats = stats;
    }

    /**
     * Waits up to the timeout for a resource, the fast path having found nothing to lend at once.
     *
     * @param claimed a slot the caller won but could not lend without the deadline (it may need
     *     a check first), or null; this screens it first
     */
    T acquire(long timeoutNanos, Slot<T> claimed) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeoutNanos;
        if (claimed != null) {
            T resource = lender.lend(claimed, deadline); // refuses it (and settles it) if closed meanwhile
            if (resource != null) {
                return resource;
            }
        }
        if (runState.isClosed()) {
            throw runState.closedException();
        }
        if (lender.defersClaims()) {
            T resource = claimAndLend(deadline);
            if (resource != null) {
                return resource;
            }
        }
        ResourceCreationException down = allocator.outage().refusal();
        if (down != null) {
            throw down; // idle resources are still lent while down, but none was to be had
        }
        if (timeoutNanos > 0 && allocator.atMax() && !VirtualThreads.isCurrent()) {
            // Nothing can be created: a borrower is about to give one back more often than not.
            // Yielding a few times lets it run (cores are usually fewer than threads) and is far
            // cheaper than queueing, parking and being woken.
            for (int i = 0; i < CLAIM_RETRIES; i++) {
                boolean goOn = yieldInTime(deadline);
                T resource = claimAndLend(deadline);
                if (resource != null) {
                    return resource;
                }
                if (!goOn) {
                    break;
                }
            }
        }
        if (timeoutNanos == 0) {
            allocator.createSpare();
            throw timedOut(0, start, false);
        }
        for (;;) {
            T resource = awaitServed(start, timeoutNanos);
            if (resource != null) {
                return resource;
            }
            // The slot it was served was unfit (expired, or failed its check): wait again, for
            // the rest of the timeout; the retirement made room for a creation.
        }
    }

    /**
     * Yields once, if there is time for it: the deadline is further away than the last slow
     * yield took, if there was one within {@link #SLOW_YIELD_MEMORY_NANOS}. So callers with
     * plenty of time go on yielding on a busy machine (where a yield is what lets a holder run
     * and release), and one whose deadline is near parks instead of overshooting it by a slice.
     * A caller whose own yield was slow stops yielding: it queues, or parks in the queue, so
     * its place in line (FIFO) is not lost to a string of slow yields.
     *
     * @return whether to go on yielding: false after a slow yield or once there is no time for
     *     another; the caller then queues or parks, which the deadline bounds
     */
    private boolean yieldInTime(long deadline) {
        long before = System.nanoTime();
        if (!timeForYield(deadline, before)) {
            return false;
        }
        Thread.yield();
        long after = System.nanoTime();
        if (after - before >= SLOW_YIELD_NANOS) {
            slowYieldNanos = after - before;
            slowYieldEndedAt = after;
            return false; // this caller has spent a slice: queue (or park) rather than spend more
        }
        return timeForYield(deadline, after);
    }

    private boolean timeForYield(long deadline, long now) {
        long remaining = deadline - now;
        return remaining > 0 && (now - slowYieldEndedAt >= SLOW_YIELD_MEMORY_NANOS || remaining > slowYieldNanos);
    }

    /**
     * Claims idle slots until one may be lent.
     *
     * @return the resource, or null if no idle slot was fit
     */
    private T claimAndLend(long deadline) throws InterruptedException {
        for (;;) {
            Slot<T> slot = bag.claim();
            if (slot == null) {
                return null;
            }
            T resource = lender.lend(slot, deadline);
            if (resource != null) {
                return resource;
            }
        }
    }

    /**
     * Queues, waits until served, failed, timed out or interrupted.
     *
     * @return the resource, or null if the slot it was served was unfit
     */
    private T awaitServed(long start, long timeoutNanos) throws InterruptedException {
        long deadline = start + timeoutNanos;
        Waiter<T> waiter = Waiter.blocking(deadline);
        AcquireWaitEvent event = AcquireWaitEvent.start();
        if (!enqueue(waiter)) {
            throw overloaded(); // refused before waiting: its wait event is never committed
        }
        int yields = VirtualThreads.isCurrent() ? 0 : HAND_OFF_YIELDS;
        // A hand-off often comes within a few time slices: skip park/unpark then.
        for (int i = 0; i < yields && waiter.outcome == Waiter.PENDING && yieldInTime(deadline); i++) {
        }
        while (waiter.outcome == Waiter.PENDING) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                if (bag.waiters().cancel(waiter)) {
                    waitEnded(event, start, Outcome.TIMEOUT);
                    throw timedOut(timeoutNanos, start, waiter.budgetExhausted);
                }
                break;
            }
            LockSupport.parkNanos(this, remaining);
            if (Thread.interrupted()) {
                if (!bag.waiters().cancel(waiter) && waiter.outcome == Waiter.SERVED) {
                    giveBack(waiter.slot);
                }
                metrics.recordWait(System.nanoTime() - start);
                waitEnded(event, start, Outcome.INTERRUPTED);
                throw new InterruptedException("interrupted while waiting for a resource of pool '" + poolName + "'");
            }
        }
        metrics.recordWait(System.nanoTime() - start);
        if (waiter.outcome == Waiter.FAILED) {
            waitEnded(event, start, Outcome.of(waiter.failure));
            throw (RuntimeException) waiter.failure;
        }
        waitEnded(event, start, Outcome.SERVED);
        return lender.lend(waiter.slot, deadline);
    }

    /**
     * Gives back a slot handed to a waiter that will not take it. By CAS: close may have
     * destroyed it meanwhile (it was out past the shutdown timeout), counting as invalidated
     * a loan that never began; a plain write would bring the destroyed slot back to life.
     */
    private void giveBack(Slot<T> handed) {
        if (handed.cas(Slot.BORROWED, Slot.RESERVED)) {
            reclaimer.recycle(handed);
        } else {
            metrics.invalidated.decrement();
        }
    }

    /** How a wait ended, as the {@code outcome} of the JFR wait event. */
    private enum Outcome {
        SERVED("served"), TIMEOUT("timeout"), INTERRUPTED("interrupted"), CLOSED("closed"), FAILED("failed");

        final String externalName;

        Outcome(String externalName) {
            this.externalName = externalName;
        }

        static Outcome of(Throwable failure) {
            if (failure == null) {
                return SERVED;
            }
            if (failure instanceof AcquireTimeoutException) {
                return TIMEOUT;
            }
            if (failure instanceof PoolClosedException) {
                return CLOSED;
            }
            if (failure instanceof CancellationException || failure instanceof InterruptedException) {
                return INTERRUPTED;
            }
            return FAILED;
        }
    }

    /** Records a finished wait: the JFR event (if recorded) and the listeners' wait timer. */
    private void waitEnded(AcquireWaitEvent event, long start, Outcome outcome) {
        event.finish(poolName, outcome.externalName);
        events.acquireWaited(System.nanoTime() - start, outcome == Outcome.SERVED);
    }

    /**
     * Completes the future with a resource within the timeout, the claim having found nothing
     * idle; never blocks, never throws.
     */
    void acquireAsync(CompletableFuture<T> future, long timeoutNanos) {
        long start = System.nanoTime();
        ResourceCreationException down = allocator.outage().refusal();
        if (down != null && !lender.defersClaims()) { // else the queue may still serve it an idle one
            future.completeExceptionally(down);
            return;
        }
        if (timeoutNanos == 0) {
            try {
                // Lends a slot only where the fast path left claiming to it (a check may be due);
                // otherwise fails with a timeout, or closed if close raced us.
                future.complete(acquire(0, null));
            } catch (RuntimeException | InterruptedException e) {
                future.completeExceptionally(e);
            }
            return;
        }
        AcquireWaitEvent event = AcquireWaitEvent.start();
        Waiter<T> waiter = queueAsync(future, timeoutNanos, start);
        if (waiter == null) {
            return;
        }
        future.whenComplete((r, e) -> {
            waiter.timer.cancel(false);
            if (future.isCancelled()) {
                bag.waiters().cancel(waiter);
            }
            waitEnded(event, start, Outcome.of(e));
        });
    }

    /**
     * Queues an asynchronous waiter and arms its timeout; also for a waiter served an unfit
     * slot, which queues again for the rest of its time (a cancellation of its future then
     * reaches only the first waiter; the second gives back what it is served).
     *
     * @return the queued waiter, or null if the pool is closing or {@code maxWaiters} callers
     *         already wait (the future is failed)
     */
    private Waiter<T> queueAsync(CompletableFuture<T> future, long timeoutNanos, long start) {
        Waiter<T> waiter = Waiter.async(future, start, start + timeoutNanos);
        if (!enqueue(waiter)) {
            future.completeExceptionally(overloaded());
            return null;
        }
        try {
            waiter.timer = threads.housekeeper.schedule(() -> {
                if (bag.waiters().cancel(waiter)) {
                    future.completeExceptionally(timedOut(timeoutNanos, start, waiter.budgetExhausted));
                }
            }, start + timeoutNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            bag.fail(waiter, runState.closedException());
            return null;
        }
        return waiter;
    }

    /**
     * Queues a waiter, then starts what can serve it: a creation, the min fill, idle slots.
     * A waiter queued just as the pool closed or went down is failed here, as close and the
     * outage fail only the waiters they find queued.
     *
     * @return false, and nothing queued, if {@code maxWaiters} callers already wait
     */
    private boolean enqueue(Waiter<T> waiter) {
        allocator.markStarted();
        if (!bag.waiters().addWithin(waiter, runState.config().maxWaiters())) {
            allocator.createSpare();
            return false;
        }
        if (runState.isClosed()) {
            bag.fail(waiter, runState.closedException());
            return true;
        }
        ResourceCreationException down = allocator.outage().refusal();
        if (down != null) {
            bag.dispatchIdle(); // idle resources are still lent while down
            bag.fail(waiter, down); // unless it was just served one
            return true;
        }
        allocator.refill();
        bag.dispatchIdle();
        return true;
    }

    /** Counts and reports a refused acquire; @return what to fail it with */
    private PoolOverloadedException overloaded() {
        metrics.rejected.increment();
        events.rejected();
        int limit = runState.config().maxWaiters();
        return new PoolOverloadedException("Pool '" + poolName + "' is overloaded: " + limit
                + " callers already wait, the most maxWaiters allows (" + limit + ")");
    }

    /** Completes a served asynchronous waiter on a worker, never on the releaser's thread. */
    void deliverAsync(Waiter<T> waiter) {
        try {
            threads.workers.execute(new PoolThreads.Task() {
                @Override
                public void run() {
                    completeAsync(waiter);
                }

                @Override
                public void dropped() {
                    completeAsync(waiter); // the pool is closed: fails the future, takes the slot back
                }
            });
        } catch (RejectedExecutionException closing) {
            completeAsync(waiter);
        }
    }

    private void completeAsync(Waiter<T> waiter) {
        Slot<T> slot = waiter.slot;
        T resource;
        try {
            resource = lender.lend(slot, waiter.deadlineNanos);
        } catch (PoolClosedException e) {
            waiter.future.completeExceptionally(e);
            return;
        } catch (InterruptedException closing) { // workers are interrupted only when the pool closes
            Thread.currentThread().interrupt();
            waiter.future.completeExceptionally(runState.closedException());
            return;
        }
        if (resource == null) {
            long timeoutNanos = waiter.deadlineNanos - waiter.startNanos;
            if (waiter.deadlineNanos - System.nanoTime() <= 0) {
                waiter.future.completeExceptionally(timedOut(timeoutNanos, waiter.startNanos, waiter.budgetExhausted));
            } else if (!waiter.future.isDone()) {
                queueAsync(waiter.future, timeoutNanos, waiter.startNanos); // the slot was unfit: wait again
            }
            return;
        }
        if (!waiter.future.complete(resource)) {
            // Cancelled or timed out by its owner meanwhile: nobody holds it, so give it back.
            if (slot.cas(Slot.BORROWED, Slot.RESERVED)) {
                slot.returns++;
                reclaimer.recycle(slot);
            }
        }
    }

    private AcquireTimeoutException timedOut(long timeoutNanos, long start, boolean budgetExhausted) {
        metrics.recordWait(System.nanoTime() - start);
        metrics.timeouts.increment();
        long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        PoolStats s = stats.get();
        events.acquireTimedOut(millis);
        return new AcquireTimeoutException("Acquire timeout after " + millis + "ms on pool '" + poolName
                + "' (total " + s.total() + ", in use " + s.inUse() + ", creating " + s.creating()
                + ", waiting " + s.waiting() + ", max " + runState.config().max()
                + (bag.isSuspended() ? ", suspended" : "") + ")"
                + (budgetExhausted ? ": the fleet budget was exhausted (no creation permit came in time)" : ""));
    }
}
