// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.time.Duration;

/**
 * How long every pool may make a benchmark thread wait. Far longer than any hand-off takes, so it
 * never fires: a timeout shows up as a failed run rather than as a quietly faster one.
 */
final class BorrowTimeout {

    static final long SECONDS = 30;
    static final Duration DURATION = Duration.ofSeconds(SECONDS);

    private BorrowTimeout() {
    }
}
