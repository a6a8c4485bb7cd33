// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One slot of the floor pools ({@link FloorBench}): a state word and a token, on a cache line of
 * its own like scopepool's slots, so the floors and the pool pay the same memory traffic.
 */
final class FloorSlot extends FloorSlotPadding {

    static final int IDLE = 0;
    static final int BORROWED = 1;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FloorSlot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Token token = new Token();

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = IDLE;

    boolean isIdle() {
        return (int) STATE.getAcquire(this) == IDLE;
    }

    /** The claim both floors share: one CAS. */
    boolean claim() {
        return STATE.compareAndSet(this, IDLE, BORROWED);
    }

    /** The cheapest possible release: an ordered store, no fence, no check that it was lent. */
    void storeIdle() {
        STATE.setRelease(this, IDLE);
    }

    /** A release that can tell a double release from a real one: a second CAS. */
    boolean casIdle() {
        return STATE.compareAndSet(this, BORROWED, IDLE);
    }
}
