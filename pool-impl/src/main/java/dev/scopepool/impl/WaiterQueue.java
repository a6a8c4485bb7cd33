// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The FIFO queue of callers waiting for a resource: an intrusive doubly linked list under
 * one lock. Only the slow path takes the lock: the fast path reads {@link #isEmpty()}, a
 * volatile count, and goes on when nobody waits.
 *
 * <p>A waiter's outcome is decided exactly once, under the lock: served with a slot, failed,
 * or cancelled by the waiter itself (timeout, interrupt, cancelled future). Whoever decides
 * it also unlinks it, so a waiter is never served twice and a slot is never handed to a
 * waiter that already gave up.
 */
final class WaiterQueue<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private Waiter<T> head;
    private Waiter<T> tail;
    private volatile int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(Waiter<T> waiter) {
        addWithin(waiter, Integer.MAX_VALUE);
    }

    /**
     * Queues the waiter unless {@code limit} waiters are queued already: the check and the
     * queueing are one step under the lock, so the queue never holds more than the limit.
     *
     * @return whether it was queued
     */
    boolean addWithin(Waiter<T> waiter, int limit) {
        lock.lock();
        try {
            if (size >= limit) {
                return false;
            }
            link(waiter);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands the slot (RESERVED, owned by the caller) to the oldest waiter, as BORROWED.
     *
     * @return the served waiter, to be woken by the caller outside any lock; null if none waits
     */
    Waiter<T> serveOldest(Slot<T> slot) {
        lock.lock();
        try {
            Waiter<T> oldest = head;
            if (oldest != null) {
                unlink(oldest);
                hand(oldest, slot);
            }
            return oldest;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands the slot to this waiter if it still waits.
     *
     * @return whether the waiter took it
     */
    boolean serve(Waiter<T> waiter, Slot<T> slot) {
        lock.lock();
        try {
            if (!waiter.queued) {
                return false;
            }
            unlink(waiter);
            hand(waiter, slot);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the waiter still waited and now carries the failure */
    boolean fail(Waiter<T> waiter, Throwable failure) {
        lock.lock();
        try {
            if (!waiter.queued) {
                return false;
            }
            unlink(waiter);
            waiter.failure = failure;
            waiter.outcome = Waiter.FAILED;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the waiter was still waiting; it is not any more */
    boolean cancel(Waiter<T> waiter) {
        lock.lock();
        try {
            if (!waiter.queued) {
                return false;
            }
            unlink(waiter);
            waiter.outcome = Waiter.CANCELLED;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Fails every waiter; returns them, oldest first, to be woken outside the lock. */
    List<Waiter<T>> failAll(Throwable failure) {
        lock.lock();
        try {
            List<Waiter<T>> failed = new ArrayList<>(size);
            while (head != null) {
                Waiter<T> w = head;
                unlink(w);
                w.failure = failure;
                w.outcome = Waiter.FAILED;
                failed.add(w);
            }
            return failed;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether the waiter is still queued (neither served, failed nor cancelled) */
    boolean waits(Waiter<T> waiter) {
        lock.lock();
        try {
            return waiter.queued;
        } finally {
            lock.unlock();
        }
    }

    /** The creation started for this waiter was cancelled: a later creation may be started for it. */
    void creationDropped(Waiter<T> waiter) {
        lock.lock();
        try {
            waiter.creationPending = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks, oldest first, waiters that have no creation of their own yet as having one, as
     * long as {@code reserve} grants capacity.
     *
     * @return the marked waiters, for whom the caller starts the creations
     */
    List<Waiter<T>> claimCreations(BooleanSupplier reserve) {
        lock.lock();
        try {
            List<Waiter<T>> marked = null;
            for (Waiter<T> w = head; w != null; w = w.next) {
                if (w.creationPending) {
                    continue;
                }
                if (!reserve.getAsBoolean()) {
                    break;
                }
                w.creationPending = true;
                if (marked == null) {
                    marked = new ArrayList<>();
                }
                marked.add(w);
            }
            return marked == null ? List.of() : marked;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The slot becomes BORROWED before the outcome is published: a waiter that sees SERVED may
     * return the resource to its caller, who may release it at once, and that release needs
     * the slot BORROWED.
     */
    private static <T> void hand(Waiter<T> w, Slot<T> slot) {
        slot.set(Slot.BORROWED);
        w.slot = slot;
        w.outcome = Waiter.SERVED;
    }

    private void link(Waiter<T> w) {
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.queued = true;
        size++;
    }

    private void unlink(Waiter<T> w) {
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.queued = false;
        size--;
    }
}
