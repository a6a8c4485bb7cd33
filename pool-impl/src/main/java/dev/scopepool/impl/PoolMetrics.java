package dev.scopepool.impl;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's cumulative counters. Acquires and releases are not counted here: each slot
 * counts its own loans (see {@link Slot#lends}) so the fast path touches no shared counter;
 * a retired slot's loans move into {@link #retiredLends} and {@link #retiredReturns}.
 */
final class PoolMetrics {

    final LongAdder invalidated = new LongAdder();
    final LongAdder created = new LongAdder();
    final LongAdder destroyed = new LongAdder();
    final LongAdder destroyFailures = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder createFailures = new LongAdder();
    final LongAdder retiredLends = new LongAdder();
    final LongAdder retiredReturns = new LongAdder();
    final AtomicInteger unhealthy = new AtomicInteger();
    private final AtomicLong maxAcquireWaitNanos = new AtomicLong();

    void retire(Slot<?> slot) {
        retiredLends.add(slot.lends);
        retiredReturns.add(slot.returns);
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
}
