// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

/**
 * What the {@link HealthChecker} may do to the pool: find its idle slots, and settle a
 * checked slot (which it holds RESERVED) one way or the other, abandoning it if its check hangs.
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

    /**
     * Stops counting a slot whose check hung (it leaves {@code total} and the roster, and counts
     * in {@code abandoned}), and refills; the slot stays RESERVED by its check.
     */
    void abandon(Slot<T> slot);

    /** Destroys an abandoned slot once its check returned. */
    void destroyAbandoned(Slot<T> slot);
}
