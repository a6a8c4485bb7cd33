// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

/**
 * One data source at one thread count on PostgreSQL: JMH's throughput beside the fork's own outcome.
 *
 * @param opsPerMilli operations per millisecond, all threads together (mean of the iterations)
 * @param error JMH's 99.9% half-width (NaN from one iteration)
 * @param bestOpsPerMilli the best iteration, the least disturbed on a shared machine
 */
record PostgresMixResult(PostgresMixOutcome outcome, double opsPerMilli, double error, double bestOpsPerMilli) {
}
