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
    final AtomicInteger unhealthy = new AtomicInteger();
    private final AtomicLong maxAcquireWaitNanos = new AtomicLong();

    /**
     * Keeps the loans of a slot leaving the pool, and counts the retirements of the lifecycle
     * policies by reason (the other reasons have counters of their own, kept where they happen).
     */
    void recordRetirement(Slot<?> slot, RetirementReason reason) {
        retiredLends.add(slot.lends);
        retiredReturns.add(slot.returns);
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
     * Builds one snapshot: the gauges from the slots' states, the loan counts from the slots'
     * own counters plus those of retired slots.
     *
     * @param capacity a {@link Capacity#snapshot()}, read once for total and creating together
     * @param slots the live slots
     * @param down whether the pool is down (see {@link Outage})
     */
    PoolStats snapshot(long capacity, Slot<?>[] slots, int waiting, boolean healthChecksEnabled, boolean down) {
        int available = 0;
        int inUse = 0;
        long lends = retiredLends.sum();
        long returns = retiredReturns.sum();
        for (Slot<?> s : slots) {
            int state = s.state();
            if (state == Slot.IDLE) {
                available++;
            } else if (state == Slot.BORROWED) {
                inUse++;
            }
            lends += s.lends;
            returns += s.returns;
        }
        return new PoolStats(Capacity.total(capacity), available, inUse, waiting, Capacity.creating(capacity),
                unhealthy.get(), healthChecksEnabled,
                lends, returns, invalidated.sum(), created.sum(), destroyed.sum(),
                destroyFailures.sum(), timeouts.sum(), createFailures.sum(),
                maxAcquireWaitMillis(), retiredByAge.sum(), retiredByIdle.sum(), retiredByUses.sum(), rejected.sum(), 0,
                down);
    }
}
