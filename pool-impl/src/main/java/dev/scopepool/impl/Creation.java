// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.impl.jfr.ResourceCreateEvent;
import dev.scopepool.spi.CreationPermits.Permit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One creation whose capacity is reserved: what it is for (the waiter its resource goes to, the
 * {@code initialize()} that waits for it, a spare, the fill toward {@code min}, or the probe of
 * a pool that is down) and where it stands. Its phase moves once out of QUEUED (to RUNNING, or
 * CANCELLED when no longer needed) and once out of RUNNING (to DONE when {@code create}
 * returned, or ABANDONED when it was given up at {@code createTimeout}); each move is a CAS, so
 * exactly one side settles it.
 */
final class Creation<T> {

    /** What a creation is for; decides whether it is still needed when its turn comes. */
    enum Purpose {
        /** For one waiting acquirer. */
        WAITER,
        /** For an {@code initialize()} call, toward {@code min}. */
        INITIALIZE,
        /** A spare started by an acquire that did not wait, so a later one finds a resource. */
        SPARE,
        /** The background fill toward {@code min}; reserved only when a creation place is free. */
        FILL,
        /** The one creation a pool that is down tries, after a backoff, to learn whether it is up. */
        PROBE
    }

    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int DONE = 2;
    static final int ABANDONED = 3;
    static final int CANCELLED = 4;

    final Purpose purpose;
    final Waiter<T> owner;
    final InitTicket ticket;
    private final AtomicInteger phase = new AtomicInteger(QUEUED);
    /** The thread inside {@code create}, while it is there; guarded by this. */
    private Thread runner;
    /** Gives the creation up at {@code createTimeout}; set by the runner before it calls {@code create}. */
    volatile ScheduledFuture<?> timer;
    /** The creation permit, taken by the runner before it calls {@code create}; lives with the resource. */
    volatile Permit permit = CreationGate.UNLIMITED;
    /** The JFR event of the {@code create} call, started right before it; null until then. */
    volatile ResourceCreateEvent event;
    /** When the {@code create} call started. */
    volatile long startNanos;

    private Creation(Purpose purpose, Waiter<T> owner, InitTicket ticket) {
        this.purpose = purpose;
        this.owner = owner;
        this.ticket = ticket;
    }

    static <T> Creation<T> forWaiter(Waiter<T> owner) {
        return new Creation<>(Purpose.WAITER, owner, null);
    }

    static <T> Creation<T> forInitialize(InitTicket ticket) {
        return new Creation<>(Purpose.INITIALIZE, null, ticket);
    }

    static <T> Creation<T> spare() {
        return new Creation<>(Purpose.SPARE, null, null);
    }

    static <T> Creation<T> fill() {
        return new Creation<>(Purpose.FILL, null, null);
    }

    static <T> Creation<T> probe() {
        return new Creation<>(Purpose.PROBE, null, null);
    }

    /** @return whether this is the outage's probe, whose outcome decides whether the pool is up */
    boolean isProbe() {
        return purpose == Purpose.PROBE;
    }

    /** @return whether nobody waits for this creation: a failure is retried after a backoff */
    boolean isBackground() {
        return purpose == Purpose.SPARE || purpose == Purpose.FILL;
    }

    /** @return whether the caller moved it from {@code from} to {@code to} (and so settles it) */
    boolean move(int from, int to) {
        return phase.compareAndSet(from, to);
    }

    int phase() {
        return phase.get();
    }

    /** The calling thread is about to call {@code create}. */
    synchronized void enter() {
        runner = Thread.currentThread();
    }

    /** The calling thread returned from {@code create}: a late give-up no longer interrupts it. */
    void leave() {
        synchronized (this) {
            runner = null;
        }
        Thread.interrupted(); // an interrupt meant for the create call must not reach the next task
    }

    /**
     * Interrupts the thread inside {@code create}, if it is still there, and tells
     * {@code threads} that close need not wait for it (under this object's lock, which
     * {@link #leave()} takes too, so the thread's own {@link PoolThreads#callReturned()} comes
     * after).
     */
    synchronized void giveUp(PoolThreads threads) {
        if (runner != null) {
            threads.abandonedCall(runner);
            runner.interrupt();
        }
    }
}
