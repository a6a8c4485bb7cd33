// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;

/**
 * One cell of the JDBC cycles.
 *
 * @param cycle the benchmark method: {@code cycleConnection} or {@code cycleStatement}
 * @param opsPerMicro cycles per microsecond, all threads together (mean of the iterations)
 * @param error JMH's 99.9% half-width (NaN from one iteration)
 * @param bestOpsPerMicro the best iteration, the least disturbed on a shared machine
 */
record JdbcCycleResult(JdbcPeer peer, String cycle, int threads, double opsPerMicro, double error,
        double bestOpsPerMicro) {
}
