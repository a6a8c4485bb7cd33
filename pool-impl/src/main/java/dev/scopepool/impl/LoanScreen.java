// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;


/**
 * Decides, for a slot an acquirer just won, whether it may be lent: not past its deadline
 * ({@code maxLifetime}), and checked first when it was neither lent nor checked within the
 * window ({@code checkOnAcquire}). An unfit slot is taken care of here (retired, or left to
 * its check) and the acquirer looks for another. A pool with neither policy has no screen,
 * and its acquire path does not reach this class.
 */
final class LoanScreen<T> {

    private final LifecyclePolicy policy;
    private final Reclaimer<T> reclaimer;
    private final SlotBag<T> bag;
    /** Null unless checks on acquire are on (which requires a health check). */
    private final HealthChecker<T> checker;

    LoanScreen(LifecyclePolicy policy, Reclaimer<T> reclaimer, SlotBag<T> bag, HealthChecker<T> checker) {
        this.policy = policy;
        this.reclaimer = reclaimer;
        this.bag = bag;
        this.checker = policy.checksOnAcquire() ? checker : null;
    }

    /** @return whether admitting a slot may wait for a check, so it needs the acquirer's deadline */
    boolean mayWait() {
        return checker != null;
    }

    /**
     * Claims an idle slot that may be lent at once, retiring expired ones on the way; for
     * screens that never wait.
     *
     * @return a slot BORROWED by the caller, or null if none is idle
     */
    Slot<T> claimWithoutWaiting() {
        for (;;) {
            Slot<T> slot = bag.claim();
            if (slot == null || !policy.pastDeadline(slot) || !retireExpired(slot)) {
                return slot;
            }
        }
    }

    /**
     * The synchronous fast path's claim: like {@link #claimWithoutWaiting()} for screens that never
     * wait; otherwise any idle slot, which {@link #fitNow} then screens.
     *
     * @return a slot BORROWED by the caller, or null if none is idle
     */
    Slot<T> claimForLoan() {
        return checker == null ? claimWithoutWaiting() : bag.claim();
    }

    /**
     * @param slot held BORROWED by the caller, from {@link #claimForLoan()}
     * @return whether it may be lent now, without a check (one clock read when checks are on);
     *     if not, the caller still holds it and hands it to {@link #admits}
     */
    boolean fitNow(Slot<T> slot) {
        return checker == null || !policy.pastDeadline(slot) && !policy.needsCheck(slot);
    }

    /**
     * @param slot held BORROWED by the caller
     * @param acquireDeadlineNanos when the acquirer's timeout ends; bounds a check
     * @return whether the caller may lend it; if not, the slot is no longer the caller's
     * @throws InterruptedException if interrupted while a check ran; the check keeps the slot
     */
    boolean admits(Slot<T> slot, long acquireDeadlineNanos) throws InterruptedException {
        if (policy.pastDeadline(slot)) {
            return !retireExpired(slot);
        }
        if (checker == null || !policy.needsCheck(slot)) {
            return true;
        }
        if (!slot.cas(Slot.BORROWED, Slot.RESERVED)) {
            return true; // close forced it meanwhile: lending refuses it and settles the count
        }
        if (!checker.passesBeforeLoan(slot, acquireDeadlineNanos)) {
            return false;
        }
        slot.set(Slot.BORROWED);
        return true;
    }

    /**
     * Retires an expired slot the caller holds, off the caller's thread.
     *
     * @return true if it retired the slot; false if close forced it first (lending then refuses it)
     */
    private boolean retireExpired(Slot<T> slot) {
        if (!slot.cas(Slot.BORROWED, Slot.REMOVED)) {
            return false;
        }
        reclaimer.retireOnWorker(slot, RetirementReason.MAX_LIFETIME);
        return true;
    }
}
