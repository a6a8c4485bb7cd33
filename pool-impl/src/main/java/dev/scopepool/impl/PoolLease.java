// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.Lease;
import java.util.concurrent.atomic.AtomicBoolean;

/** A borrowed resource that goes back to its pool exactly once, on close or invalidate. */
final class PoolLease<T> implements Lease<T> {

    private final SlotReturns<T> pool;
    /** The slot lent: close gives it back without looking the resource up. */
    private final Slot<T> slot;
    private final AtomicBoolean ended = new AtomicBoolean();

    PoolLease(SlotReturns<T> pool, Slot<T> slot) {
        this.pool = pool;
        this.slot = slot;
    }

    @Override
    public T get() {
        if (ended.get()) {
            throw new IllegalStateException("lease of pool '" + pool.name() + "' has ended");
        }
        return slot.resource;
    }

    @Override
    public void invalidate() {
        if (ended.compareAndSet(false, true)) {
            pool.invalidate(slot.resource);
        }
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            pool.releaseSlot(slot);
        }
    }
}
