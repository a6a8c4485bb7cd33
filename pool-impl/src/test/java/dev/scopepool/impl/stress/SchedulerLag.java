// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how late this JVM's threads get a core back: a thread parks for a millisecond
 * again and again and records by how much each wake-up came late, and how long a yield kept it
 * off the core (on an oversubscribed machine one yield can last a few time slices of every
 * other runnable process, and the pool's acquirers yield before they park), in 10 ms buckets
 * kept for the last 20 seconds. A timed call that returns late while this thread was late too was
 * delayed by the machine (other processes on the shared cores, a GC pause), not by the pool;
 * {@link #lateBetween} says how much of a call's overshoot the machine explains.
 */
final class SchedulerLag implements AutoCloseable {

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int BUCKETS = 2048;

    private final AtomicLongArray bucketIds = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray bucketLags = new AtomicLongArray(BUCKETS);
    private final AtomicLong maxLag = new AtomicLong();
    private final Thread thread = new Thread(this::measure, "stress-scheduler-lag");
    private volatile boolean stopped;

    SchedulerLag() {
        thread.setDaemon(true);
        thread.start();
    }

    private void measure() {
        while (!stopped) {
            long before = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            long woke = System.nanoTime();
            Thread.yield();
            long now = System.nanoTime();
            record(now, Math.max(Math.max(0, woke - before - TICK_NANOS), now - woke));
        }
    }

    private void record(long now, long lag) {
        long id = now / BUCKET_NANOS;
        int i = (int) Math.floorMod(id, (long) BUCKETS);
        if (bucketIds.get(i) != id) {
            bucketIds.set(i, id);
            bucketLags.set(i, lag);
        } else if (lag > bucketLags.get(i)) {
            bucketLags.set(i, lag);
        }
        maxLag.accumulateAndGet(lag, Math::max);
    }

    /**
     * @return the longest stall of the measuring thread that ended between {@code from} and
     *     shortly after {@code to} (both {@link System#nanoTime()}); ask only once {@code to}
     *     is some milliseconds past, so that a stall ending at {@code to} has been recorded
     */
    long lateBetween(long from, long to) {
        long late = 0;
        for (long id = from / BUCKET_NANOS; id <= (to + 5 * BUCKET_NANOS) / BUCKET_NANOS; id++) {
            int i = (int) Math.floorMod(id, (long) BUCKETS);
            if (bucketIds.get(i) == id) {
                late = Math.max(late, bucketLags.get(i));
            }
        }
        return late;
    }

    long maxLagNanos() {
        return maxLag.get();
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
    }
}
