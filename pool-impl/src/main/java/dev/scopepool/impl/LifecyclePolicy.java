// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The pool's lifecycle policies (maximum lifetime, idle timeout, maximum uses, check on
 * acquire) as numbers, and the per-slot decisions they make. Fixed for the pool's life: resize
 * changes only {@code min} and {@code max}.
 *
 * <p>What it costs. With every policy off, neither acquire nor release touches this class
 * beyond one final boolean each. With them on, the slot carries its own stamps (plain fields
 * written by its owner, like the loan counters) and the {@link LifecycleSweep} does the
 * periodic work, so the fast path reads no clock for {@code maxUses} or {@code idleTimeout}
 * at all, for {@code checkOnAcquire} once per loan (on acquire, whose reading also restarts the
 * window: "lent within the window" needs no clock on release), and for {@code maxLifetime} only
 * in a resource's last stretch:
 *
 * <p>How acquire never lends past a deadline without a clock read per acquire. The sweep
 * marks a slot {@linkplain Slot#nearDeadline near its deadline} once the deadline is less
 * than {@link #nearDeadlineNanos()} away (two sweep periods plus {@value #LAG_TOLERANCE_MILLIS}
 * ms); only a marked slot makes lend and release read the clock and compare. Resources whose
 * whole life is that short are marked at creation. So the clock is read on a small share of
 * loans (for a 30-minute lifetime, those in its last ~2 seconds), and a lend past the deadline
 * would need the sweep to be held up for more than {@value #LAG_TOLERANCE_MILLIS} ms. The
 * alternative of retiring ahead of the deadline (so that no idle slot is ever past it) was
 * rejected: it retires resources up to a sweep period early, below the 90 % floor the policy
 * promises, and it still trusts the sweep to be on time. A clock read on every acquire was
 * rejected as the price the fast path must not pay.
 *
 * <p>{@code checkOnAcquire} needs to know how long ago a resource was last good, so it reads
 * the clock once per acquire and once per release: that is the policy's documented cost.
 */
final class LifecyclePolicy {

    /** How late the sweep may run before a marked slot could be lent past its deadline unseen. */
    static final long LAG_TOLERANCE_MILLIS = 1_000;
    private static final long MAX_RETIREMENT_LATENESS_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_SWEEP_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long maxLifetimeNanos;
    private final long idleTimeoutNanos;
    private final int maxUses;
    /** Negative when checks on acquire are off. */
    private final long checkWindowNanos;
    private final long sweepPeriodNanos;
    private final long nearDeadlineNanos;

    LifecyclePolicy(PoolConfig<?> config) {
        this.maxLifetimeNanos = Nanos.of(config.maxLifetime());
        this.idleTimeoutNanos = Nanos.of(config.idleTimeout());
        this.maxUses = config.maxUses();
        Duration window = config.checkOnAcquire();
        this.checkWindowNanos = window == null ? -1 : Nanos.of(window);
        long period = Long.MAX_VALUE;
        if (maxLifetimeNanos > 0) {
            // Retirement is due within min(1 s, lifetime / 10) after the deadline: sweeping four
            // times in that span leaves three quarters of it for a late sweep.
            period = latenessBound(maxLifetimeNanos) / 4;
        }
        if (idleTimeoutNanos > 0) {
            // The sweep learns a resource is idle up to one period after it was returned and
            // retires it up to one period after its timeout: two of the six periods in the
            // bound, leaving two thirds of it for a late sweep.
            period = Math.min(period, latenessBound(idleTimeoutNanos) / 6);
        }
        this.sweepPeriodNanos = period == Long.MAX_VALUE ? 0 : Math.max(period, MIN_SWEEP_PERIOD_NANOS);
        this.nearDeadlineNanos = 2 * sweepPeriodNanos + TimeUnit.MILLISECONDS.toNanos(LAG_TOLERANCE_MILLIS);
    }

    /** @return how late after its due time a retirement may come: min(1 s, limit / 10) */
    static long latenessBound(long limitNanos) {
        return Math.min(MAX_RETIREMENT_LATENESS_NANOS, limitNanos / 10);
    }

    boolean limitsLifetime() {
        return maxLifetimeNanos > 0;
    }

    boolean limitsIdleTime() {
        return idleTimeoutNanos > 0;
    }

    boolean checksOnAcquire() {
        return checkWindowNanos >= 0;
    }

    /** @return whether lend must look at a slot first (its deadline, or whether to check it) */
    boolean screensLoans() {
        return limitsLifetime() || checksOnAcquire();
    }

    /** @return whether release must look at a slot first (to retire it) */
    boolean screensReturns() {
        return limitsLifetime() || maxUses > 0;
    }

    /** @return how often the sweep runs; 0 when no policy needs it */
    long sweepPeriodNanos() {
        return sweepPeriodNanos;
    }

    long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    /** @return how long before its deadline a slot is marked near it */
    long nearDeadlineNanos() {
        return nearDeadlineNanos;
    }

    /**
     * Stamps a slot just created, before it is published: its deadline (the maximum lifetime
     * minus a random 0–10 %, so resources created together do not expire together) and its
     * last-good time.
     */
    void stampCreated(Slot<?> slot) {
        if (!limitsLifetime() && !checksOnAcquire()) {
            return;
        }
        long now = System.nanoTime();
        slot.vettedAtNanos = now;
        if (limitsLifetime()) {
            long jitter = ThreadLocalRandom.current().nextLong(maxLifetimeNanos / 10 + 1);
            slot.deadlineNanos = now + (maxLifetimeNanos - jitter);
            slot.nearDeadline = maxLifetimeNanos - jitter <= nearDeadlineNanos;
        }
    }

    /**
     * @return why a slot coming back from a loan must be retired instead of lent again, or
     *         null if it may stay
     */
    RetirementReason dueOnReturn(Slot<?> slot) {
        if (maxUses > 0 && slot.lends >= maxUses) {
            return RetirementReason.MAX_USES;
        }
        if (limitsLifetime() && slot.nearDeadline && System.nanoTime() - slot.deadlineNanos >= 0) {
            return RetirementReason.MAX_LIFETIME;
        }
        return null;
    }

    /** @return whether a slot about to be lent is past its deadline (reads the clock only near it) */
    boolean pastDeadline(Slot<?> slot) {
        return limitsLifetime() && slot.nearDeadline && System.nanoTime() - slot.deadlineNanos >= 0;
    }

    /**
     * Whether a slot about to be lent must pass the health check first: it was neither lent nor
     * checked within the window. If it need not, this loan restarts its window, so the one clock
     * read here is all that checks on acquire cost a loan (nothing is read on release).
     *
     * @param slot owned by the caller, who lends it unless this says to check it
     */
    boolean needsCheck(Slot<?> slot) {
        if (!checksOnAcquire()) {
            return false;
        }
        long now = System.nanoTime();
        if (now - slot.vettedAtNanos >= checkWindowNanos) {
            return true;
        }
        slot.vettedAtNanos = now;
        return false;
    }
}
