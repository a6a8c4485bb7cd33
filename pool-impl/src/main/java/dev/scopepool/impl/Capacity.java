// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Live and in-creation resource counts, changed together by one compare-and-set, so that
 * reserving a creation checks {@code total + creating < bound} and a snapshot of both is
 * always consistent.
 *
 * <p>Each change installs a new immutable {@link Counts}, never reused while anyone holds the
 * old one: two reads that return the same instance prove that nothing changed in between, not
 * even a change and its undoing. {@link PoolMetrics#snapshot} relies on that to make the
 * counts it reads from the slots agree with these. Only creations and retirements change
 * capacity, never the lend/return fast path, so the allocation per change is off that path.
 * That path only reads the counts, once per release: they sit in a field of this object (not
 * behind an {@code AtomicReference}), one load away.
 */
final class Capacity {

    /**
     * One state of the counts.
     *
     * @param total live resources: created, not yet being destroyed
     * @param creating creations reserved: queued or running, not yet given up
     */
    record Counts(int total, int creating) {
        static final Counts EMPTY = new Counts(0, 0);

        int liveAndCreating() {
            return total + creating;
        }
    }

    private static final VarHandle COUNTS;

    static {
        try {
            COUNTS = MethodHandles.lookup().findVarHandle(Capacity.class, "counts", Counts.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // written through COUNTS
    private volatile Counts counts = Counts.EMPTY;

    /** Reserves a creation if {@code total + creating < bound}. */
    boolean tryReserve(int bound) {
        for (;;) {
            Counts c = counts;
            if (c.liveAndCreating() >= bound) {
                return false;
            }
            if (swap(c, new Counts(c.total, c.creating + 1))) {
                return true;
            }
        }
    }

    /** A reserved creation produced a live resource. */
    void created() {
        change(1, -1);
    }

    /** A reserved creation failed, was cancelled before it started, or was given up. */
    void creationEnded() {
        change(0, -1);
    }

    /** A live resource leaves the pool (it is about to be destroyed, or was abandoned). */
    void remove() {
        change(-1, 0);
    }

    /** Removes one live resource if {@code total + creating > bound}; @return whether it did */
    boolean removeIfOver(int bound) {
        for (;;) {
            Counts c = counts;
            if (c.liveAndCreating() <= bound) {
                return false;
            }
            if (swap(c, new Counts(c.total - 1, c.creating))) {
                return true;
            }
        }
    }

    /** Removes one live resource if more than {@code bound} are live; @return whether it did */
    boolean removeIfLiveAbove(int bound) {
        for (;;) {
            Counts c = counts;
            if (c.total() <= bound) {
                return false;
            }
            if (swap(c, new Counts(c.total - 1, c.creating))) {
                return true;
            }
        }
    }

    /** @return live plus in-creation resources, read together */
    int liveAndCreating() {
        return counts.liveAndCreating();
    }

    /** @return the current counts; the same instance as long as nothing changed */
    Counts snapshot() {
        return counts;
    }

    private void change(int total, int creating) {
        for (;;) {
            Counts c = counts;
            if (swap(c, new Counts(c.total + total, c.creating + creating))) {
                return;
            }
        }
    }

    private boolean swap(Counts expected, Counts next) {
        return COUNTS.compareAndSet(this, expected, next);
    }
}
