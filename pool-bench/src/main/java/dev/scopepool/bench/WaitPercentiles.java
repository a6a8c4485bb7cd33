// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;

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

    /** Writes the percentiles into {@code p}, for an outcome file a benchmark hands back. */
    void store(Properties p) {
        p.setProperty("samples", Long.toString(samples));
        p.setProperty("p50", Double.toString(p50));
        p.setProperty("p99", Double.toString(p99));
        p.setProperty("p999", Double.toString(p999));
        p.setProperty("max", Double.toString(max));
    }

    /** @return the percentiles {@link #store} wrote into {@code p} */
    static WaitPercentiles load(Properties p) {
        return new WaitPercentiles(Long.parseLong(p.getProperty("samples")),
                Double.parseDouble(p.getProperty("p50")), Double.parseDouble(p.getProperty("p99")),
                Double.parseDouble(p.getProperty("p999")), Double.parseDouble(p.getProperty("max")));
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
