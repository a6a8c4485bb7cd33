// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's cumulative counters, and the {@link PoolStats} snapshot built from them.
 * Acquires and releases are not counted here: each slot counts its own loans (see
 * {@link Slot#lends}) so the fast path touches no shared counter; a retired slot's loans move
 * into {@link #retiredLends} and {@link #retiredReturns}.
 */
final class PoolMetrics {

    /** Scans of the slots tried before a snapshot settles for clamped gauges; see {@link #snapshot}. */
    private static final int STABLE_SCAN_ATTEMPTS = 16;

    final LongAdder invalidated = new LongAdder();
    final LongAdder created = new LongAdder();
    final LongAdder destroyed = new LongAdder();
    final LongAdder destroyFailures = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder createFailures = new LongAdder();
    /** Acquires refused because {@code maxWaiters} callers already waited. */
    final LongAdder rejected = new LongAdder();
    final LongAdder retiredLends = new LongAdder();
    final LongAdder retiredReturns = new LongAdder();
    final LongAdder retiredByAge = new LongAdder();
    final LongAdder retiredByIdle = new LongAdder();
    final LongAdder retiredByUses = new LongAdder();
    /** {@code create} calls and health checks given up because they hung. */
    final LongAdder abandoned = new LongAdder();
    final AtomicInteger unhealthy = new AtomicInteger();
    private final AtomicLong maxAcquireWaitNanos = new AtomicLong();

    /**
     * Keeps the loans of a slot leaving the pool, and counts the retirements of the lifecycle
     * policies by reason (the other reasons have counters of their own, kept where they happen).
     */
    void recordRetirement(Slot<?> slot, RetirementReason reason) {
        long returns = slot.returns;
        if (slot.forcedAtClose && slot.lends >= 1) {
            // Its last loan was still out when close destroyed it: every earlier loan came back,
            // and that one ends as invalidated. A release racing close may already have counted
            // it in returns (it counts before its CAS, which close's CAS then failed), so the loan
            // would count twice; it counts once, as invalidated.
            returns = Math.min(returns, slot.lends - 1);
        }
        retiredLends.add(slot.lends);
        retiredReturns.add(returns);
        switch (reason) {
            case MAX_LIFETIME -> retiredByAge.increment();
            case IDLE_TIMEOUT -> retiredByIdle.increment();
            case MAX_USES -> retiredByUses.increment();
            default -> { }
        }
    }

    void recordWait(long nanos) {
        long max = maxAcquireWaitNanos.get();
        while (nanos > max && !maxAcquireWaitNanos.compareAndSet(max, nanos)) {
            max = maxAcquireWaitNanos.get();
        }
    }

    long maxAcquireWaitMillis() {
        return maxAcquireWaitNanos.get() / 1_000_000;
    }

    /**
     * Builds one consistent snapshot: the gauges from the slots' states, the loan counts from
     * the slots' own counters plus those of retired slots.
     *
     * <p>Why the gauges agree with {@code total}. A slot becomes IDLE or BORROWED only after its
     * creation was counted live, and leaves {@code total} only after it left both states for
     * good. So if the capacity counts are the very same instance before and after the scan
     * (nothing was created or retired meanwhile), every slot the scan saw idle or borrowed is
     * one of that instance's {@code total}: {@code available + inUse <= total} holds exactly.
     * Under heavy churn the scan is retried a few times; should it never come out stable, the
     * gauges are clamped to the counts read after the last scan (idle first, then in use), so
     * no snapshot ever breaks the rule.
     *
     * @param capacity the pool's capacity, read before and after the scan
     * @param bag the slots to scan (the roster is re-read on every attempt)
     * @param down whether the pool is down (see {@link Outage})
     */
    PoolStats snapshot(Capacity capacity, SlotBag<?> bag, int waiting, boolean healthChecksEnabled, boolean down) {
        Capacity.Counts counts;
        int available;
        int inUse;
        int attempt = 0;
        for (;;) {
            Capacity.Counts before = capacity.snapshot();
            available = 0;
            inUse = 0;
            for (Slot<?> s : bag.slots()) {
                int state = s.state();
                if (state == Slot.IDLE) {
                    available++;
                } else if (state == Slot.BORROWED) {
                    inUse++;
                }
            }
            counts = capacity.snapshot();
            if (counts == before) {
                break;
            }
            if (++attempt == STABLE_SCAN_ATTEMPTS) {
                inUse = Math.min(inUse, counts.total());
                available = Math.min(available, counts.total() - inUse);
                break;
            }
        }
        long lends = retiredLends.sum();
        long returns = retiredReturns.sum();
        for (Slot<?> s : bag.slots()) {
            lends += s.lends;
            returns += s.returns;
        }
        return new PoolStats(counts.total(), available, inUse, waiting, counts.creating(),
                unhealthy.get(), healthChecksEnabled,
                lends, returns, invalidated.sum(), created.sum(), destroyed.sum(),
                destroyFailures.sum(), timeouts.sum(), createFailures.sum(),
                maxAcquireWaitMillis(), retiredByAge.sum(), retiredByIdle.sum(), retiredByUses.sum(), rejected.sum(),
                abandoned.sum(), down);
    }
}
