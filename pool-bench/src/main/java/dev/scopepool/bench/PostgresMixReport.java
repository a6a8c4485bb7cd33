// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL part of the report: per thread count, each data source's operations per ms of the
 * select/update mix, its sampled {@code getConnection()} waits and scopepool's ratio to it. When
 * the server could not be started for want of its binaries, the section says so instead, in bold.
 */
final class PostgresMixReport implements ReportSection {

    /** As many threads as connections, then twice as many, so that half of them wait. */
    static final List<Integer> THREADS = List.of(PostgresMixBench.MAX, 2 * PostgresMixBench.MAX);

    private static final String HEADING = "PostgreSQL: select by key (" + PostgresMixBench.SELECT_PERCENT
            + " %) or update by key (" + (100 - PostgresMixBench.SELECT_PERCENT) + " %) through each data source, "
            + "operations per ms, all threads together (higher is better)";

    private final List<PostgresMixResult> results;
    private final String settings;
    private final String notMeasured;

    /** @param settings how JMH ran, for the reader */
    PostgresMixReport(List<PostgresMixResult> results, String settings) {
        this(results, settings, null);
    }

    private PostgresMixReport(List<PostgresMixResult> results, String settings, String notMeasured) {
        this.results = List.copyOf(results);
        this.settings = settings;
        this.notMeasured = notMeasured;
    }

    /** @param why why there is no server to measure on, and how to get one */
    static PostgresMixReport notMeasured(String why) {
        return new PostgresMixReport(List.of(), "", why);
    }

    @Override
    public long passed() {
        return results.size();
    }

    @Override
    public String markdown() {
        StringBuilder out = new StringBuilder();
        Markdown.heading(out, HEADING);
        if (notMeasured != null) {
            out.append("**NOT MEASURED: ").append(notMeasured).append("**\n");
            return out.toString();
        }
        out.append("JMH throughput mode; ").append(settings).append(". ")
                .append(results.stream().map(r -> r.outcome().server()).findFirst().orElse("PostgreSQL"))
                .append(", a fresh server per data source and thread count (fsync off), a table of ")
                .append(String.format("%,d", PostgresMixBench.ROWS)).append(" rows; each operation borrows a "
                        + "connection, runs one prepared statement in auto-commit and closes the connection. Every "
                        + "data source holds ").append(PostgresMixBench.MAX).append(" connections, all open before "
                        + "measuring, and validates none used within 500 ms. Throughput: mean ± 99.9% interval, then "
                        + "(in brackets) the best iteration. Waits: one `getConnection()` in ").append(WaitSample.EVERY)
                .append(" per thread timed, nearest-rank percentiles in µs. Ratio: scopepool ÷ the row, best "
                        + "iterations (above 1.00: scopepool is faster).\n");
        for (int threads : THREADS) {
            out.append("\n**").append(PostgresMixBench.MAX).append(" connections, ").append(threads).append(" threads")
                    .append(new Scenario(PostgresMixBench.MAX, threads).oversubscribed() ? " †" : "").append("**\n\n");
            Markdown.header(out, "data source", List.of("ops/ms", "p50 wait µs", "p99 wait µs", "max wait µs",
                    "ratio"));
            for (JdbcPeer peer : JdbcPeer.values()) {
                Optional<PostgresMixResult> result = find(peer, threads);
                if (result.isEmpty()) {
                    Markdown.row(out, peer.label, List.of("—", "—", "—", "—", "—"));
                    continue;
                }
                PostgresMixResult r = result.get();
                WaitPercentiles w = r.outcome().waits();
                Markdown.row(out, peer.label, List.of(Markdown.scoreAndBest(r.opsPerMilli(), r.error(),
                        r.bestOpsPerMilli()), Markdown.micros(w.p50()), Markdown.micros(w.p99()),
                        Markdown.micros(w.max()), peer == JdbcPeer.SCOPEPOOL ? "" : Markdown.ratio(ratio(r))));
            }
        }
        return out.toString();
    }

    private double ratio(PostgresMixResult peer) {
        return find(JdbcPeer.SCOPEPOOL, peer.outcome().threads())
                .map(ours -> ours.bestOpsPerMilli() / peer.bestOpsPerMilli()).orElse(Double.NaN);
    }

    private Optional<PostgresMixResult> find(JdbcPeer peer, int threads) {
        return results.stream().filter(r -> r.outcome().peer() == peer && r.outcome().threads() == threads)
                .findFirst();
    }
}
