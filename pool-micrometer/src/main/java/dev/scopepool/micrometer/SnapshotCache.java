// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;

/**
 * Hands the meters of one pool a shared {@link dev.scopepool.PoolStats} snapshot, so that one
 * scrape calls {@link ResourcePool#stats()} once instead of once per meter.
 *
 * <p>Why: {@code stats()} visits every slot of the pool and reads the counters that borrowers
 * write, so twenty calls per scrape would do twenty walks and pull those cache lines away from
 * the acquire/release path twenty times; and one snapshot per scrape also makes the meters of
 * a scrape agree with each other (idle + active never exceeds total).
 *
 * <p>A snapshot is reused while it is younger than {@link #MAX_AGE_NANOS} and only by meters
 * that have not been read from it yet. A scrape reads each meter once, so it is served by one
 * snapshot; reading a meter a second time (the next scrape, another registry, a test polling)
 * always takes a fresh one, so a value is never older than the previous read of the same meter.
 *
 * <p>Every read also asks {@link ResourcePool#isClosed()} (one volatile read): the first
 * read after the pool closed removes the pool's meters (see {@link MeteredPool#poolClosed()})
 * and still answers with the pool's final values.
 *
 * <p>Thread-safe without locks: concurrent readers may each take a snapshot; the last one
 * stored wins, which is harmless.
 */
final class SnapshotCache {

    /** Long enough to cover one scrape of a pool's meters, short enough never to look stale. */
    static final long MAX_AGE_NANOS = 100_000_000L;

    private final ResourcePool<?> pool;
    private final Runnable onClosed;
    private volatile Snapshot current;

    SnapshotCache(ResourcePool<?> pool, Runnable onClosed) {
        this.pool = pool;
        this.onClosed = onClosed;
    }

    Snapshot snapshotFor(PoolMeter meter) {
        if (pool.isClosed()) {
            onClosed.run();
        }
        Snapshot s = current;
        long now = System.nanoTime();
        if (s != null && now - s.takenAtNanos() < MAX_AGE_NANOS && s.markRead(meter)) {
            return s;
        }
        s = take(now);
        s.markRead(meter);
        current = s;
        return s;
    }

    private Snapshot take(long now) {
        PoolConfig<?> config = pool.config();
        return new Snapshot(pool.stats(), config.min(), config.max(), now);
    }
}
