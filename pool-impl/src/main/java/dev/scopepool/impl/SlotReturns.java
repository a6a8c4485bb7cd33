// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

/** Where a {@link PoolLease} gives its slot back: the pool that lent it. */
interface SlotReturns<T> {

    /** @return the pool's name, for messages */
    String name();

    /** Releases a slot the lease holds, as {@code release} would release its resource. */
    void releaseSlot(Slot<T> slot);

    /** Destroys the lease's resource, as {@code invalidate} would. */
    void invalidate(T resource);
}
