package dev.scopepool.impl;

/**
 * What the {@link HealthChecker} may do to the pool: find its idle slots, and settle a
 * checked slot (which it holds RESERVED) one way or the other.
 */
interface CheckedPool<T> {

    /** @return the live slots at this moment; do not modify */
    Slot<T>[] slots();

    /** @return whether the pool is closed; a closed pool is not checked */
    boolean isClosed();

    /** Gives back a slot that passed its check (or could not be checked): lent, idle, or destroyed if the pool no longer wants it. */
    void recycle(Slot<T> slot);

    /** Destroys a slot that failed its check, unless something else removed it first; the pool then refills. */
    void retireUnhealthy(Slot<T> slot);
}
