// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.Arrays;

/**
 * Acquire waits of one borrowing thread, timed exactly with {@link System#nanoTime()} into an
 * array allocated up front, so recording costs two clock reads and a store and never allocates.
 * Only every {@link #EVERY}th wait is timed: the untimed ones keep the measured loop close to
 * the plain one, and an every-Nth sample (unlike JMH's sample mode, which thins the frequent
 * fast samples as an iteration goes on) keeps the distribution's shape.
 */
final class WaitSample {

    /** One wait in this many is timed. */
    static final int EVERY = 32;

    private final long[] nanos;
    private int count;
    private int untilNext = EVERY - 1;

    /** @param capacity the most waits kept; later ones are dropped */
    WaitSample(int capacity) {
        nanos = new long[capacity];
    }

    /** @return whether the coming wait is one to time */
    boolean timeNext() {
        if (untilNext == 0) {
            untilNext = EVERY - 1;
            return true;
        }
        untilNext--;
        return false;
    }

    void record(long waitNanos) {
        if (count < nanos.length) {
            nanos[count] = waitNanos;
        }
        count++;
    }

    /** Forgets the waits recorded so far (warm-up iterations). */
    void clear() {
        count = 0;
    }

    /** @return the waits kept, in no particular order */
    long[] kept() {
        return Arrays.copyOf(nanos, Math.min(count, nanos.length));
    }
}
