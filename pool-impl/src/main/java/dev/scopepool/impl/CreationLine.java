// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the pool's creations, at most {@code maxConcurrentCreates} {@code create} calls at once
 * on as many creator threads; the others wait here, FIFO, still counted in {@code creating}.
 *
 * <p>A creation place is taken when a creation starts and given back when its {@code create}
 * call returns, also when the creation was given up at {@code createTimeout} before that: an
 * abandoned call that still runs keeps its place, so however many calls hang, no more than
 * {@code maxConcurrentCreates} threads are ever inside {@code create}, and while that many
 * abandoned calls run no new creation starts.
 *
 * <p>When a place frees up, the oldest queued creation starts, if the pool still needs it (see
 * {@link Outcomes#wanted}); one that is no longer needed is cancelled instead. With nothing
 * queued, the place goes to the fill toward {@code min}, which reserves one creation at a time
 * and so re-reads {@code min} and {@code max} before each: a fill stops as soon as they shrink,
 * and {@link #prune()} drops queued creations a resize made needless, at once.
 */
final class CreationLine<T> {

    private static final System.Logger LOG = System.getLogger(CreationLine.class.getName());

    /** What the allocator does with a creation at each step; called outside this class's lock. */
    interface Outcomes<T> {
        /** @return whether the pool still needs this creation (read at its start, and on prune) */
        boolean wanted(Creation<T> creation);

        /** @return a fill creation with capacity reserved toward min, or null if none is due */
        Creation<T> nextFill();

        /** The creation will not run: its reservation is to be returned and its owner told. */
        void cancelled(Creation<T> creation);

        /**
         * Right before {@code create}, on the creator thread: takes what the creation needs (a
         * creation permit, which may take a while).
         *
         * @return false if the creation ended here (its reservation already given back)
         */
        boolean admit(Creation<T> creation);

        /** {@code create} returned a resource in time. */
        void created(Creation<T> creation, T resource);

        /** {@code create} threw (or returned null) in time. */
        void failed(Creation<T> creation, Throwable failure);

        /** The creation was given up at createTimeout; its call may still be running. */
        void gaveUp(Creation<T> creation, TimeoutException timeout);

        /** A given-up {@code create} returned this resource after all: destroy it. */
        void returnedLate(Creation<T> creation, T resource);

        /** A given-up {@code create} threw after all: release what the creation held. */
        void failedLate(Creation<T> creation);
    }

    private final String poolName;
    private final int maxConcurrent;
    private final long timeoutNanos;
    private final RunState<T> runState;
    private final ExecutorService creators;
    private final ScheduledExecutorService timers;
    private final PoolThreads threads;
    private Outcomes<T> outcomes;
    /**
     * Guards the queue of creations waiting to start and the running counts. A lock, not a monitor: acquirers (virtual threads
     * among them) reach it when they start a creation, and a contended monitor pins a virtual
     * thread's carrier on JDK 21 to 23.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Creation<T>> queued = new ArrayDeque<>();
    /** {@code create} calls under way, given-up ones included; guarded by {@link #lock}. */
    private int running;
    /** Of {@link #running}, the calls already given up; guarded by {@link #lock}. */
    private int abandonedRunning;

    CreationLine(String poolName, RunState<T> runState, PoolThreads threads) {
        this.poolName = poolName;
        this.runState = runState;
        this.maxConcurrent = runState.config().maxConcurrentCreates();
        this.timeoutNanos = Nanos.of(runState.config().createTimeout());
        this.creators = threads.creators;
        this.timers = threads.housekeeper;
        this.threads = threads;
    }

    /** Set once, by the allocator that owns this line, before any creation. */
    void bind(Outcomes<T> allocator) {
        this.outcomes = allocator;
    }

    /** Queues a creation whose capacity is reserved, and starts what may start. */
    void submit(Creation<T> creation) {
        lock.lock();
        try {
            queued.addLast(creation);
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** Starts creations while places are free: queued ones first, then the fill. */
    void pump() {
        for (;;) {
            Creation<T> next;
            lock.lock();
            try {
                if (running >= maxConcurrent) {
                    return;
                }
                next = queued.pollFirst();
                if (next == null) {
                    next = outcomes.nextFill();
                    if (next == null) {
                        return;
                    }
                }
                running++;
            } finally {
                lock.unlock();
            }
            if (runState.isClosed() || !outcomes.wanted(next)) {
                cancel(next);
                placeFreed();
                continue;
            }
            if (!next.move(Creation.QUEUED, Creation.RUNNING)) {
                placeFreed();
                continue;
            }
            Start start = new Start(next);
            try {
                creators.execute(start);
            } catch (RejectedExecutionException closing) {
                start.dropped(); // and go on: what is still queued is cancelled as the pool is closed
            }
        }
    }

    /** Cancels every queued creation the pool no longer needs (after a resize, on close). */
    void prune() {
        List<Creation<T>> dropped = new ArrayList<>();
        lock.lock();
        try {
            for (Iterator<Creation<T>> it = queued.iterator(); it.hasNext(); ) {
                Creation<T> c = it.next();
                if (runState.isClosed() || !outcomes.wanted(c)) {
                    it.remove();
                    dropped.add(c);
                }
            }
        } finally {
            lock.unlock();
        }
        dropped.forEach(this::cancel);
    }

    /** @return creations waiting for a place */
    int queued() {
        lock.lock();
        try {
            return queued.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return given-up {@code create} calls still running */
    int abandonedRunning() {
        lock.lock();
        try {
            return abandonedRunning;
        } finally {
            lock.unlock();
        }
    }

    private void cancel(Creation<T> creation) {
        if (creation.move(Creation.QUEUED, Creation.CANCELLED)) {
            outcomes.cancelled(creation);
        }
    }

    private void placeFreed() {
        lock.lock();
        try {
            running--;
        } finally {
            lock.unlock();
        }
    }

    private void run(Creation<T> creation) {
        try {
            if (outcomes.admit(creation)) {
                call(creation);
            } else {
                creation.move(Creation.RUNNING, Creation.CANCELLED);
            }
        } finally {
            placeFreed();
            pump();
        }
    }

    /** Calls {@code create} under its timeout, and settles the outcome unless it was given up. */
    private void call(Creation<T> creation) {
        creation.enter();
        try {
            creation.timer = timers.schedule(() -> giveUp(creation), timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the pool is closing: close interrupts this thread and destroys what it creates
        }
        T resource = null;
        Throwable failure = null;
        try {
            resource = runState.config().create().create();
            if (resource == null) {
                failure = new NullPointerException("create returned null");
            }
        } catch (Throwable e) {
            failure = e;
        } finally {
            creation.leave();
            threads.callReturned();
        }
        if (creation.move(Creation.RUNNING, Creation.DONE)) {
            cancelTimer(creation);
            if (failure == null) {
                outcomes.created(creation, resource);
            } else {
                outcomes.failed(creation, failure);
            }
            return;
        }
        lock.lock();
        try {
            abandonedRunning--;
        } finally {
            lock.unlock();
        }
        if (resource != null) {
            outcomes.returnedLate(creation, resource);
        } else {
            outcomes.failedLate(creation);
        }
    }

    /** A creation handed to a creator thread; settled as cancelled if close drops it first. */
    private final class Start implements PoolThreads.Task {
        private final Creation<T> creation;

        Start(Creation<T> creation) {
            this.creation = creation;
        }

        @Override
        public void run() {
            CreationLine.this.run(creation);
        }

        @Override
        public void dropped() {
            if (creation.move(Creation.RUNNING, Creation.CANCELLED)) {
                outcomes.cancelled(creation);
                placeFreed();
            }
        }
    }

    /** At createTimeout: frees the creation's capacity, tells its owner, interrupts its thread. */
    private void giveUp(Creation<T> creation) {
        if (!creation.move(Creation.RUNNING, Creation.ABANDONED)) {
            return;
        }
        lock.lock();
        try {
            abandonedRunning++;
        } finally {
            lock.unlock();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': create did not return within " + millis
                + "ms; given up (its thread is interrupted, a resource it still returns will be destroyed)");
        // Capacity first, interrupt second: the interrupted call may return at once, and the
        // pump after it must already see the room this give-up makes.
        outcomes.gaveUp(creation, new TimeoutException("create did not return within " + millis + "ms"));
        creation.giveUp(threads);
        pump(); // the freed capacity may be due to the fill toward min
    }

    private static void cancelTimer(Creation<?> creation) {
        var timer = creation.timer;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
