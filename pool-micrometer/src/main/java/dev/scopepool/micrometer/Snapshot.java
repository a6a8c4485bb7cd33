// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import dev.scopepool.PoolStats;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link PoolStats} snapshot with the bounds in force, and which meters have already
 * been read from it.
 */
final class Snapshot {

    private final PoolStats stats;
    private final int min;
    private final int max;
    private final long takenAtNanos;
    private final AtomicLong readMask = new AtomicLong();

    Snapshot(PoolStats stats, int min, int max, long takenAtNanos) {
        this.stats = stats;
        this.min = min;
        this.max = max;
        this.takenAtNanos = takenAtNanos;
    }

    PoolStats stats() {
        return stats;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    long takenAtNanos() {
        return takenAtNanos;
    }

    /**
     * Marks {@code meter} as read from this snapshot.
     *
     * @return false if it had been read from it before
     */
    boolean markRead(PoolMeter meter) {
        long bit = 1L << meter.ordinal();
        return (readMask.getAndUpdate(m -> m | bit) & bit) == 0;
    }
}
