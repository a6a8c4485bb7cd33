// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Lends and takes back slots: the pool's fast path, and nothing else (creation and sizing
 * live in {@link Allocator}, health in {@link HealthChecker}, shutdown in {@link EnginePool}).
 *
 * <p>The algorithm. Live slots sit in a copy-on-write array, rebuilt only when a resource is
 * created or destroyed; an identity hash index beside it finds a returned resource's slot
 * without {@code equals} and without allocating, unless it is the slot the releasing thread
 * last claimed, which is checked first. To borrow, a thread scans the array from
 * where it last found an idle slot (so threads spread out and a lone thread keeps reusing the
 * same warm slot) and claims the first IDLE slot by CAS. To give back, the
 * releaser hands the slot straight to the oldest waiter if anyone waits; otherwise it marks
 * the slot IDLE and then looks at the waiter count once more, so a waiter that queued in
 * between (and scans again after queueing) cannot miss it: one of the two always sees the
 * other. Neither path takes a lock or allocates unless someone has to wait.
 *
 * <p>Implementation notes, the invariants kept here:
 * <ul>
 *   <li>a slot is in exactly one state; only the thread that won it (claim, release, reserve)
 *       moves it on, which makes double lending impossible;</li>
 *   <li>a slot is in the roster from before it is first lent until it is retired, so a
 *       borrower's release always finds it;</li>
 *   <li>while suspended, no slot is lent or handed off: released slots become IDLE and wait
 *       for {@link #resume()}.</li>
 * </ul>
 */
final class SlotBag<T> {

    /** Hint cells: thread ids map onto this many, each on a cache line of its own. */
    private static final int HINT_CELLS = 256;
    /** Ints per cache line: cells this far apart never share one. */
    private static final int HINT_STRIDE = 16;
    /**
     * Where a thread last found an idle slot, so it starts there next time: a lone thread keeps
     * its warm slot, and two threads whose first starts collide drift apart after one miss
     * instead of chasing the same slot on every claim. A cell per thread id modulo
     * {@link #HINT_CELLS}, shared by all pools: reading it costs the thread id and one load, where
     * a {@code ThreadLocal} walks the thread's map; it allocates nothing per thread (virtual
     * threads included) and holds no pool alive. Threads that share a cell share a hint; it is
     * only a hint, read racily and bounds-checked, never trusted. Each cell starts from a mixed
     * value, so threads spread over a pool from their first claim.
     */
    private static final int[] HINTS = new int[HINT_CELLS * HINT_STRIDE];

    static {
        for (int cell = 0; cell < HINT_CELLS; cell++) {
            HINTS[cell * HINT_STRIDE] = (int) ((cell + 1) * 0x9E3779B97F4A7C15L >>> 33);
        }
    }

    private final WaiterQueue<T> waiters = new WaiterQueue<>();
    /**
     * Serialises roster rebuilds. A lock rather than a monitor: a virtual thread that retires a
     * resource (invalidate, a release after close) rebuilds the roster, and on JDK 21 to 23 a
     * virtual thread blocked on a monitor pins its carrier.
     */
    private final ReentrantLock rosterLock = new ReentrantLock();
    private final Consumer<Waiter<T>> asyncDelivery;
    private volatile Roster<T> roster = Roster.empty();
    private volatile boolean suspended;

    /**
     * @param asyncDelivery completes a served asynchronous waiter, off the releaser's thread
     */
    SlotBag(Consumer<Waiter<T>> asyncDelivery) {
        this.asyncDelivery = asyncDelivery;
    }

    /** @return an IDLE slot now BORROWED by the caller, or null if none is idle or the bag is suspended */
    Slot<T> claim() {
        if (suspended) {
            return null;
        }
        Slot<T>[] slots = roster.slots;
        int n = slots.length;
        if (n == 0) {
            return null;
        }
        int cell = hintCell();
        int start = HINTS[cell];
        int i = start;
        if (i >= n) {
            // A hint from a larger pool, or the first claim: a multiply-shift maps it onto
            // [0, n) without a division.
            i = (int) (((long) i * n) >>> 31);
        }
        for (int scanned = 0; scanned < n; scanned++) {
            Slot<T> s = slots[i];
            if (s.state() == Slot.IDLE && s.cas(Slot.IDLE, Slot.BORROWED)) {
                if (i != start) {
                    HINTS[cell] = i; // mostly unchanged: a lone thread keeps its slot
                }
                return s;
            }
            if (++i == n) {
                i = 0;
            }
        }
        return null;
    }

    /**
     * @return the live slot holding exactly this resource, or null; first tries the slot this
     *     thread last claimed (a borrower usually gives back what it just took), then the index
     */
    Slot<T> find(Object resource) {
        Roster<T> r = roster;
        Slot<T>[] slots = r.slots;
        int last = HINTS[hintCell()];
        if (last < slots.length && slots[last].resource == resource) {
            return slots[last];
        }
        return r.find(resource);
    }

    @SuppressWarnings("deprecation") // getId(): threadId() is JDK 19+, and this engine runs on 17
    private static int hintCell() {
        return ((int) Thread.currentThread().getId() & (HINT_CELLS - 1)) * HINT_STRIDE;
    }

    /**
     * Gives a RESERVED slot, owned by the caller, back for lending: to the oldest waiter,
     * else IDLE.
     */
    void handOffOrIdle(Slot<T> slot) {
        for (;;) {
            if (!suspended && !waiters.isEmpty() && handOff(slot)) {
                return;
            }
            slot.set(Slot.IDLE);
            if (suspended || waiters.isEmpty() || !slot.cas(Slot.IDLE, Slot.RESERVED)) {
                return;
            }
        }
    }

    /**
     * The release fast path: makes a BORROWED slot IDLE with one CAS when nobody waits, then
     * looks at the waiters once more (see the class comment) in case one queued meanwhile.
     *
     * @return false, with the slot untouched, if someone waits or the slot is not BORROWED
     */
    boolean returnIdle(Slot<T> slot) {
        if (!waiters.isEmpty() || !slot.cas(Slot.BORROWED, Slot.IDLE)) {
            return false;
        }
        if (!waiters.isEmpty() && !suspended && slot.cas(Slot.IDLE, Slot.RESERVED)) {
            handOffOrIdle(slot);
        }
        return true;
    }

    /** Hands idle slots to waiters while both exist; after queueing a waiter and on resume. */
    void dispatchIdle() {
        for (Slot<T> s : roster.slots) {
            if (suspended || waiters.isEmpty()) {
                return;
            }
            if (s.state() == Slot.IDLE && s.cas(Slot.IDLE, Slot.RESERVED)) {
                handOffOrIdle(s);
            }
        }
    }

    /** Offers a RESERVED slot to one particular waiter. @return whether it took it */
    boolean handTo(Waiter<T> waiter, Slot<T> slot) {
        if (suspended || !waiters.serve(waiter, slot)) {
            return false;
        }
        deliver(waiter);
        return true;
    }

    private boolean handOff(Slot<T> slot) {
        Waiter<T> served = waiters.serveOldest(slot);
        if (served == null) {
            return false;
        }
        deliver(served);
        return true;
    }

    private void deliver(Waiter<T> waiter) {
        if (waiter.isAsync()) {
            asyncDelivery.accept(waiter);
        } else {
            waiter.wake();
        }
    }

    /** Fails a waiter if it still waits, and tells it (completes its future or wakes it). */
    void fail(Waiter<T> waiter, RuntimeException failure) {
        if (waiters.fail(waiter, failure)) {
            waiter.deliverFailure();
        }
    }

    /** Fails every waiter and tells each, oldest first. */
    void failAll(RuntimeException failure) {
        for (Waiter<T> w : waiters.failAll(failure)) {
            w.deliverFailure();
        }
    }

    WaiterQueue<T> waiters() {
        return waiters;
    }

    void suspend() {
        suspended = true;
    }

    void resume() {
        suspended = false;
        dispatchIdle();
    }

    boolean isSuspended() {
        return suspended;
    }

    /** @return the live slots at this moment; do not modify */
    Slot<T>[] slots() {
        return roster.slots;
    }

    void add(Slot<T> slot) {
        rosterLock.lock();
        try {
            Slot<T>[] old = roster.slots;
            Slot<T>[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = slot;
            roster = new Roster<>(grown);
        } finally {
            rosterLock.unlock();
        }
    }

    boolean remove(Slot<T> slot) {
        rosterLock.lock();
        try {
            Slot<T>[] old = roster.slots;
            for (int i = 0; i < old.length; i++) {
                if (old[i] == slot) {
                    Slot<T>[] shrunk = Arrays.copyOf(old, old.length - 1);
                    System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                    roster = new Roster<>(shrunk);
                    return true;
                }
            }
            return false;
        } finally {
            rosterLock.unlock();
        }
    }

    /**
     * Removes every slot of {@code gone} in one step: retiring many slots at once (close,
     * eviction) rebuilds the roster once, not once per slot.
     */
    void removeAll(List<Slot<T>> gone) {
        if (gone.isEmpty()) {
            return;
        }
        Set<Slot<T>> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(gone);
        rosterLock.lock();
        try {
            Slot<T>[] old = roster.slots;
            Slot<T>[] kept = Arrays.copyOf(old, old.length);
            int n = 0;
            for (Slot<T> s : old) {
                if (!out.contains(s)) {
                    kept[n++] = s;
                }
            }
            roster = new Roster<>(Arrays.copyOf(kept, n));
        } finally {
            rosterLock.unlock();
        }
    }

    /** An immutable membership snapshot: the slots, and an open-addressing identity index of them. */
    private static final class Roster<T> {
        private static final Roster<?> EMPTY = new Roster<>(new Slot<?>[0]);

        final Slot<T>[] slots;
        private final Slot<T>[] index;
        private final int mask;

        @SuppressWarnings("unchecked")
        Roster(Slot<?>[] slots) {
            this.slots = (Slot<T>[]) slots;
            int capacity = Integer.highestOneBit(Math.max(2, slots.length * 2 + 1) - 1) << 1;
            this.index = (Slot<T>[]) new Slot<?>[capacity];
            this.mask = capacity - 1;
            for (Slot<T> s : this.slots) {
                int i = hash(s.resource) & mask;
                while (index[i] != null) {
                    i = (i + 1) & mask;
                }
                index[i] = s;
            }
        }

        @SuppressWarnings("unchecked")
        static <T> Roster<T> empty() {
            return (Roster<T>) EMPTY;
        }

        Slot<T> find(Object resource) {
            int i = hash(resource) & mask;
            for (Slot<T> s; (s = index[i]) != null; i = (i + 1) & mask) {
                if (s.resource == resource) {
                    return s;
                }
            }
            return null;
        }

        private static int hash(Object o) {
            int h = System.identityHashCode(o);
            return h ^ (h >>> 16);
        }
    }
}
