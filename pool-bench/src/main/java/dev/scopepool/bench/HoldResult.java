// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

/**
 * One pool in one hold scenario: JMH's throughput beside the fork's own counts.
 *
 * @param opsPerMicro borrow/hold/give-back rounds per µs, all threads together
 * @param error JMH's 99.9% confidence half-width (NaN from one iteration)
 */
record HoldResult(HoldOutcome outcome, Scenario scenario, double opsPerMicro, double error) {

    /** No thread got less than half the loans of the best-served one, and no borrow timed out. */
    boolean starvesNoOne() {
        return outcome.fairness() >= HoldReport.FAIR_SHARE && outcome.timeouts() == 0;
    }
}
