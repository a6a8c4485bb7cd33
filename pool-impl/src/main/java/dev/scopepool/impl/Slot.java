// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.spi.CreationPermits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled resource and the state of its place in the pool.
 *
 * <p>A slot is in exactly one state at a time, moved by CAS:
 * <pre>
 *   RESERVED --(deliver to a borrower)--> BORROWED --(release)--> RESERVED
 *   BORROWED --(release while nobody waits: one CAS, the fast path)--> IDLE
 *   RESERVED --(nobody waits)--> IDLE --(claim)--> BORROWED
 *   IDLE --(health check, dispatch to a waiter)--> RESERVED
 *   any --(markRemoved, exactly once)--> REMOVED
 * </pre>
 * RESERVED means "owned by the pool, in transit": just created, being handed back, or under
 * a health check. Only the thread that moved a slot into RESERVED or BORROWED may move it
 * out again (close may force BORROWED to REMOVED), so each transition has one author and
 * {@link #markRemoved()} succeeds exactly once: that is what makes every resource destroyed once.
 *
 * <p>The loan counters are plain fields written only by the slot's current owner: a
 * borrower counts its loan after the CAS that made it the owner, a releaser counts the
 * return before the CAS that gives ownership up; the pool sums them for statistics so the
 * fast path needs no shared counter.
 */
final class Slot<T> extends SlotPadding {

    static final int IDLE = 0;
    static final int BORROWED = 1;
    static final int RESERVED = 2;
    static final int REMOVED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Slot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final T resource;

    /**
     * The creation permit this resource holds, closed after it is destroyed; written before the
     * slot is published to the bag. {@link CreationGate#UNLIMITED} in a pool without a budget.
     */
    CreationPermits.Permit permit = CreationGate.UNLIMITED;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RESERVED;

    /** Loans started; written by the borrower after it won the slot. */
    long lends;
    /** Loans ended by release; written by the releaser after it won the slot back. */
    long returns;
    /** Set by close when it destroys this slot while BORROWED, before it counts the slot's loans. */
    boolean forcedAtClose;

    /**
     * When this resource may no longer be lent (System.nanoTime() scale); set at creation,
     * before the slot is published, and only read when maxLifetime is on.
     */
    long deadlineNanos;
    /**
     * Whether the resource is close enough to its deadline that lending or taking it back
     * reads the clock; set by the lifecycle sweep (or at creation when life is short).
     */
    volatile boolean nearDeadline;
    /**
     * When the resource was last known good (created, lent, or passed a check); written by
     * the slot's owner, read by acquirers when checks on acquire are on.
     */
    long vettedAtNanos;

    /** Idle tracking of the lifecycle sweep, which alone reads and writes these: the loans it last saw, */
    long sweepSawLends;
    /** whether it has seen the resource idle since then, */
    boolean sweepSawIdle;
    /** and when it first did. */
    long sweepSawIdleAtNanos;

    /** When the current loan began; only recorded when leak detection is on. */
    volatile long borrowedAtNanos;
    /** Where the current loan began; only recorded when leak detection is on. */
    volatile Throwable borrowSite;
    /** Whether the current loan was already reported as a leak. */
    volatile boolean leakReported;

    /** Keeps the next slot's hot fields off this slot's cache line; see {@link SlotPadding}. */
    long q00, q01, q02, q03, q04, q05, q06, q07;

    Slot(T resource) {
        this.resource = resource;
    }

    /** @return how messages name a resource: its class and identity hash, which every resource has */
    static String describe(Object resource) {
        return resource.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(resource));
    }

    int state() {
        return state;
    }

    boolean cas(int expected, int next) {
        return STATE.compareAndSet(this, expected, next);
    }

    /** Moves a slot the caller owns (RESERVED or BORROWED by it) to another live state. */
    void set(int next) {
        state = next;
    }

    /** @return true for the one caller that moves the slot to REMOVED (and so must destroy it) */
    boolean markRemoved() {
        return (int) STATE.getAndSet(this, REMOVED) != REMOVED;
    }

    /** Counts a loan; with leak detection on, also notes when and where it started (off the default path: it costs a clock read and a stack). */
    void startLoan(boolean trackLeaks) {
        lends++;
        if (trackLeaks) {
            borrowedAtNanos = System.nanoTime();
            borrowSite = new Throwable("acquired here");
            leakReported = false;
        }
    }
}
