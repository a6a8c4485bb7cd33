// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The wait distribution of one run: exact order statistics of the timed waits (nearest rank),
 * in nanoseconds. An empty sample has every percentile NaN.
 *
 * @param samples how many waits the percentiles come from
 */
record WaitPercentiles(long samples, double p50, double p99, double p999, double max) {

    static WaitPercentiles of(List<long[]> perThread) {
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).toArray();
        return of(all);
    }

    static WaitPercentiles of(long[] waits) {
        if (waits.length == 0) {
            return new WaitPercentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = waits.clone();
        Arrays.sort(sorted);
        return new WaitPercentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99),
                rank(sorted, 0.999), sorted[sorted.length - 1]);
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
