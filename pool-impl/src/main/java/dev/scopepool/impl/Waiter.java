// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * One caller waiting for a resource: a blocked thread or an asynchronous future. Linked
 * into a {@link WaiterQueue}; every field but {@link #outcome} is guarded by the queue's
 * lock, and {@code outcome} is written last, so a waiter that reads a final outcome sees
 * the slot or failure that came with it.
 */
final class Waiter<T> {

    static final int PENDING = 0;
    static final int SERVED = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;

    /** The blocked thread, or null for an asynchronous waiter. */
    final Thread thread;
    /** The future to complete, or null for a blocked thread. */
    final CompletableFuture<T> future;
    /**
     * When an asynchronous waiter's acquire began: served an unfit slot, it queues again as a
     * new waiter for the rest of its time, and its timeout still names the whole wait.
     */
    final long startNanos;
    /** An asynchronous waiter's timeout timer; set once, right after it is queued. */
    volatile ScheduledFuture<?> timer;

    Waiter<T> prev;
    Waiter<T> next;
    boolean queued;
    /** Whether a creation was started on this waiter's behalf. */
    boolean creationPending;
    /** When this waiter gives up, on the {@link System#nanoTime()} scale. */
    final long deadlineNanos;
    /** Whether a creation for this waiter found no creation permit: its timeout says so. */
    volatile boolean budgetExhausted;

    Slot<T> slot;
    Throwable failure;
    volatile int outcome = PENDING;

    private Waiter(Thread thread, CompletableFuture<T> future, long startNanos, long deadlineNanos) {
        this.thread = thread;
        this.future = future;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
    }

    static <T> Waiter<T> blocking(long deadlineNanos) {
        return new Waiter<>(Thread.currentThread(), null, 0, deadlineNanos);
    }

    static <T> Waiter<T> async(CompletableFuture<T> future, long startNanos, long deadlineNanos) {
        return new Waiter<>(null, future, startNanos, deadlineNanos);
    }

    boolean isAsync() {
        return future != null;
    }

    /** Tells a waiter whose outcome was set to FAILED: completes its future, or wakes its thread. */
    void deliverFailure() {
        if (future != null) {
            future.completeExceptionally(failure);
        } else {
            wake();
        }
    }

    /** Wakes a blocked waiter after its outcome was set; async waiters are completed by the pool. */
    void wake() {
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
