package dev.scopepool.impl;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live and in-creation resource counts in one atomic word, so that reserving a creation
 * checks {@code total + creating < bound} and a snapshot of both is always consistent.
 * The high 32 bits count live resources (created, not yet being destroyed), the low 32
 * bits creations under way.
 */
final class Capacity {

    private static final long ONE_LIVE = 1L << 32;

    private final AtomicLong word = new AtomicLong();

    /** Reserves a creation if {@code total + creating < bound}. */
    boolean tryReserve(int bound) {
        for (;;) {
            long w = word.get();
            if (total(w) + creating(w) >= bound) {
                return false;
            }
            if (word.compareAndSet(w, w + 1)) {
                return true;
            }
        }
    }

    /** A reserved creation produced a live resource. */
    void created() {
        word.addAndGet(ONE_LIVE - 1);
    }

    /** A reserved creation failed. */
    void creationFailed() {
        word.decrementAndGet();
    }

    /** A live resource leaves the pool (it is about to be destroyed). */
    void remove() {
        word.addAndGet(-ONE_LIVE);
    }

    /** Removes one live resource if {@code total + creating > bound}; @return whether it did */
    boolean removeIfOver(int bound) {
        for (;;) {
            long w = word.get();
            if (total(w) + creating(w) <= bound) {
                return false;
            }
            if (word.compareAndSet(w, w - ONE_LIVE)) {
                return true;
            }
        }
    }

    /** Removes one live resource if more than {@code bound} are live; @return whether it did */
    boolean removeIfLiveAbove(int bound) {
        for (;;) {
            long w = word.get();
            if (total(w) <= bound) {
                return false;
            }
            if (word.compareAndSet(w, w - ONE_LIVE)) {
                return true;
            }
        }
    }

    /** @return live plus in-creation resources, read together */
    int liveAndCreating() {
        long w = word.get();
        return total(w) + creating(w);
    }

    long snapshot() {
        return word.get();
    }

    static int total(long snapshot) {
        return (int) (snapshot >>> 32);
    }

    static int creating(long snapshot) {
        return (int) snapshot;
    }
}
