// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.concurrent.TimeUnit;

/**
 * How long to wait before retrying something that keeps failing: 50 ms, doubling after each
 * attempt up to 5 s, back to 50 ms after a success. Used for the background refill after a
 * failed creation and for the probe of a pool that is down, so neither hammers a backend that
 * is struggling, and both notice its return within 5 s.
 *
 * <p>Thread-safe in the way its users need: {@link #next()} and {@link #reset()} may race, and
 * a lost update only makes one retry come a step earlier or later.
 */
final class Backoff {

    static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long LONGEST_NANOS = TimeUnit.SECONDS.toNanos(5);

    private volatile long nextNanos = FIRST_NANOS;

    /** @return the delay before the next attempt; the one after it is twice as long, up to the longest */
    long next() {
        long delay = nextNanos;
        nextNanos = Math.min(delay * 2, LONGEST_NANOS);
        return delay;
    }

    /** An attempt succeeded: the next failure is retried after the first, shortest delay. */
    void reset() {
        nextNanos = FIRST_NANOS;
    }
}
