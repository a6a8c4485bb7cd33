// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.time.Duration;
import java.util.List;

/**
 * One virtual-thread run: {@code threads} virtual threads share a pool of {@link #POOL_SIZE},
 * each borrowing {@code loansEach} times and holding its resource across a {@link #HOLD} wait
 * ({@link LoanHold}).
 *
 * @param warmUpLoansEach loans per thread in an unmeasured round first (0: none)
 */
record VirtualThreadScenario(int threads, int loansEach, int warmUpLoansEach) {

    static final int POOL_SIZE = 10;
    /** The blocking wait while a resource is held: a virtual thread unmounts here. */
    static final Duration HOLD = Duration.ofNanos(50_000);
    /** How long a borrow may wait before it counts as a timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static final List<VirtualThreadScenario> FULL = List.of(
            new VirtualThreadScenario(1_000, 100, 20), new VirtualThreadScenario(10_000, 10, 2));
    /** Every thread count, one loan or two each, no warm-up: proves it runs. */
    static final List<VirtualThreadScenario> SMOKE = List.of(
            new VirtualThreadScenario(1_000, 2, 0), new VirtualThreadScenario(10_000, 1, 0));

    /** The JDBC data sources: 1,000 threads, as many loans each as the token pools' first scenario. */
    static final List<VirtualThreadScenario> JDBC_FULL = List.of(new VirtualThreadScenario(1_000, 100, 20));
    static final List<VirtualThreadScenario> JDBC_SMOKE = List.of(new VirtualThreadScenario(1_000, 2, 0));

    String label() {
        return String.format("%,d virtual threads × %d loans", threads, loansEach);
    }
}
