// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

/**
 * One cell of the comparison.
 *
 * @param opsPerMicro acquire/release pairs per microsecond, all threads together
 * @param error the 99.9% confidence half-width JMH reports for {@code opsPerMicro} (NaN from one iteration)
 * @param bestOpsPerMicro the best measurement iteration's throughput: on a shared machine other
 *     work only ever slows an iteration down, so the best one is the least disturbed
 * @param bytesPerOp bytes allocated per pair ({@code gc.alloc.rate.norm}), NaN when not measured
 */
record Measurement(Contender contender, Scenario scenario, double opsPerMicro, double error,
        double bestOpsPerMicro, double bytesPerOp) {
}
