// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC cycles' part of the report: {@code getConnection()} + {@code close()} and the statement
 * cycle on the stub driver, per data source and thread count, scopepool's ratio to each peer, and
 * the target (at least HikariCP's throughput), marked met or missed.
 */
final class JdbcCycleReport implements ReportSection {

    static final List<String> CYCLES = List.of("cycleConnection", "cycleStatement");
    static final List<Integer> THREADS = List.of(1, 2, 8);

    private final List<JdbcCycleResult> results;
    private final String settings;
    private final boolean smoke;

    JdbcCycleReport(List<JdbcCycleResult> results, String settings, boolean smoke) {
        this.results = results;
        this.settings = settings;
        this.smoke = smoke;
    }

    @Override
    public long passed() {
        return results.stream().filter(r -> r.opsPerMicro() > 0).count();
    }

    @Override
    public String markdown() {
        StringBuilder out = new StringBuilder();
        List<String> columns = new ArrayList<>();
        for (String cycle : CYCLES) {
            for (int threads : THREADS) {
                columns.add(cycle + ", " + threads + " thr" + (threads > Runtime.getRuntime().availableProcessors()
                        ? " †" : ""));
            }
        }
        Markdown.heading(out, "JDBC cycles on a stub driver: cycles per µs, all threads together (higher is better)");
        out.append("JMH throughput mode; ").append(settings).append("; each data source holds 32 connections, all"
                + " open before measuring. Mean ± 99.9% interval, then (in brackets) the best iteration.\n\n");
        Markdown.header(out, "data source", columns);
        for (JdbcPeer peer : JdbcPeer.values()) {
            List<String> cells = new ArrayList<>();
            for (String cycle : CYCLES) {
                for (int threads : THREADS) {
                    cells.add(find(peer, cycle, threads)
                            .map(r -> Markdown.scoreAndBest(r.opsPerMicro(), r.error(), r.bestOpsPerMicro()))
                            .orElse("—"));
                }
            }
            Markdown.row(out, peer.label, cells);
        }
        Markdown.heading(out, "JDBC cycles: scopepool ÷ each data source, best iterations (above 1.00: scopepool is"
                + " faster)");
        Markdown.header(out, "data source", columns);
        for (JdbcPeer peer : JdbcPeer.values()) {
            if (peer == JdbcPeer.SCOPEPOOL) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (String cycle : CYCLES) {
                for (int threads : THREADS) {
                    cells.add(Markdown.ratio(ratio(peer, cycle, threads)));
                }
            }
            Markdown.row(out, peer.label, cells);
        }
        if (!smoke) {
            out.append("\nTargets:\n\n");
            for (String cycle : CYCLES) {
                for (int threads : THREADS) {
                    double r = ratio(JdbcPeer.HIKARICP, cycle, threads);
                    Markdown.target(out, r >= 1.0, "`" + cycle + "`, " + threads + " threads, ≥ 1.0 × HikariCP",
                            Markdown.ratio(r) + " ×");
                }
            }
        }
        return out.toString();
    }

    private double ratio(JdbcPeer peer, String cycle, int threads) {
        Optional<JdbcCycleResult> ours = find(JdbcPeer.SCOPEPOOL, cycle, threads);
        Optional<JdbcCycleResult> theirs = find(peer, cycle, threads);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return Double.NaN;
        }
        return ours.get().bestOpsPerMicro() / theirs.get().bestOpsPerMicro();
    }

    private Optional<JdbcCycleResult> find(JdbcPeer peer, String cycle, int threads) {
        return results.stream().filter(r -> r.peer() == peer && r.cycle().equals(cycle) && r.threads() == threads)
                .findFirst();
    }
}
