// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.time.Duration;

/** Durations as the engine counts them: nanoseconds, saturated instead of overflowing. */
final class Nanos {

    private Nanos() {
    }

    /** @return {@code d} in nanoseconds, or {@code Long.MAX_VALUE} for a duration too long to say so */
    static long of(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
