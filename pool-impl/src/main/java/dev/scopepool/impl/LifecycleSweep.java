// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The periodic half of the lifecycle policies: retires idle resources past their deadline or
 * idle for longer than the idle timeout, and marks resources near their deadline so that
 * lending and returning them compares with the clock (see {@link LifecyclePolicy}).
 *
 * <p>Idle time without a clock read on release. A slot's loan counter changes with every
 * loan; the sweep notes the count it saw and when it first saw the slot idle with that count.
 * A slot idle now, with the count unchanged since that first sighting, has not been lent since:
 * it has been idle at least that long. The first sighting comes at most one period after the
 * return, so retirement comes no later than the timeout plus two periods (the policy sizes
 * the period for that), and never early. Health checks move a slot without lending it, so they
 * do not count as use. Slots are retired longest idle first, one at a time, and only while the
 * pool holds more than {@code min}.
 *
 * <p>Runs on a pool worker (started from the housekeeper), never on the housekeeper itself,
 * because retiring calls the destroyer, which may be slow; only this task touches the slots'
 * sweep fields, and runs never overlap.
 */
final class LifecycleSweep<T> implements Runnable {

    private final LifecyclePolicy policy;
    private final Reclaimer<T> reclaimer;
    private final SlotBag<T> bag;
    private final RunState<T> runState;

    LifecycleSweep(LifecyclePolicy policy, Reclaimer<T> reclaimer, SlotBag<T> bag, RunState<T> runState) {
        this.policy = policy;
        this.reclaimer = reclaimer;
        this.bag = bag;
        this.runState = runState;
    }

    @Override
    public void run() {
        if (runState.isClosed()) {
            return;
        }
        long now = System.nanoTime();
        List<Slot<T>> idleTooLong = null;
        for (Slot<T> slot : bag.slots()) {
            if (policy.limitsLifetime() && retireIfExpired(slot, now)) {
                continue;
            }
            if (policy.limitsIdleTime() && idleTooLong(slot, now)) {
                if (idleTooLong == null) {
                    idleTooLong = new ArrayList<>();
                }
                idleTooLong.add(slot);
            }
        }
        if (idleTooLong != null) {
            idleTooLong.sort(Comparator.comparingLong(s -> s.sweepSawIdleAtNanos - now)); // longest idle first
            for (Slot<T> slot : idleTooLong) {
                if (!retireIdle(slot)) {
                    return; // the pool is down to min
                }
            }
        }
    }

    /** Marks a slot near its deadline; retires it if it is idle and past it. @return whether it retired it */
    private boolean retireIfExpired(Slot<T> slot, long now) {
        if (!slot.nearDeadline && slot.deadlineNanos - now <= policy.nearDeadlineNanos()) {
            slot.nearDeadline = true;
        }
        if (now - slot.deadlineNanos >= 0 && slot.state() == Slot.IDLE && slot.cas(Slot.IDLE, Slot.REMOVED)) {
            reclaimer.retire(slot, RetirementReason.MAX_LIFETIME);
            return true;
        }
        return false;
    }

    /** Updates what the sweep knows of a slot's idleness. @return whether it has been idle longer than the timeout */
    private boolean idleTooLong(Slot<T> slot, long now) {
        int state = slot.state(); // read before the loan count: an IDLE seen here makes the count of the loan that ended visible
        long lends = slot.lends;
        boolean unlentSinceLastLook = lends == slot.sweepSawLends && state != Slot.BORROWED;
        if (!unlentSinceLastLook) {
            slot.sweepSawLends = lends;
            slot.sweepSawIdle = false;
        }
        if (state != Slot.IDLE) {
            return false; // RESERVED (checked, handed over) keeps what was seen; it is just not retirable now
        }
        if (!slot.sweepSawIdle) {
            slot.sweepSawIdle = true;
            slot.sweepSawIdleAtNanos = now;
            return false;
        }
        return now - slot.sweepSawIdleAtNanos >= policy.idleTimeoutNanos();
    }

    /** @return false once the pool is down to min (the slot stays), true otherwise */
    private boolean retireIdle(Slot<T> slot) {
        if (slot.state() != Slot.IDLE || !slot.cas(Slot.IDLE, Slot.RESERVED)) {
            return true; // lent or taken meanwhile
        }
        if (slot.lends != slot.sweepSawLends) {
            reclaimer.recycle(slot); // lent and returned since the look: not idle after all
            return true;
        }
        return reclaimer.retireAboveMin(slot, RetirementReason.IDLE_TIMEOUT);
    }
}
