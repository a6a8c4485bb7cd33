// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The contended-hold part of the report: per scenario, each pool's throughput, exact wait
 * percentiles, fairness and timeouts; then scopepool's ratios and the targets.
 */
final class HoldReport implements ReportSection {

    /** The least-served thread must get at least this share of the best-served one's loans. */
    static final double FAIR_SHARE = 0.5;

    private final Map<Scenario, Map<LenderKind, HoldResult>> results = new TreeMap<>(
            (a, b) -> a.threads() != b.threads() ? Integer.compare(a.threads(), b.threads())
                    : Integer.compare(a.size(), b.size()));
    private final String settings;
    private final String timeout;
    private final boolean smoke;

    /** @param timeout how long a borrow waited before it counted as a timeout, for the reader */
    HoldReport(List<HoldResult> measured, String settings, String timeout, boolean smoke) {
        this.settings = settings;
        this.timeout = timeout;
        this.smoke = smoke;
        for (HoldResult r : measured) {
            results.computeIfAbsent(r.scenario(), s -> new TreeMap<>()).put(r.outcome().kind(), r);
        }
    }

    @Override
    public long passed() {
        return results.values().stream().mapToLong(Map::size).sum();
    }

    @Override
    public String markdown() {
        StringBuilder out = new StringBuilder();
        Markdown.heading(out, "Contended hold: more threads than resources, each holding its resource for "
                + "`Blackhole.consumeCPU(" + HoldBench.HOLD_TOKENS + ")`");
        out.append("JMH throughput mode; ").append(settings).append(". Waits: one borrow in ").append(WaitSample.EVERY)
                .append(" of every thread timed with `System.nanoTime()` into a preallocated array, over "
                        + "the measurement iterations; exact nearest-rank percentiles of that sample, in µs. "
                        + "Fairness: the least-served thread's loans ÷ the best-served one's. Timeouts: borrows "
                        + "that gave up after ").append(timeout).append(", warm-up included.\n");
        for (Map.Entry<Scenario, Map<LenderKind, HoldResult>> scenario : results.entrySet()) {
            out.append("\n**").append(scenario.getKey().label()).append("**\n\n");
            Markdown.header(out, "pool", List.of("loans/µs", "p50 µs", "p99 µs", "p99.9 µs", "max µs",
                    "fairness", "timeouts"));
            for (HoldResult r : scenario.getValue().values()) {
                WaitPercentiles w = r.outcome().waits();
                Markdown.row(out, r.outcome().kind().label, List.of(Markdown.score(r.opsPerMicro(), r.error()),
                        Markdown.micros(w.p50()), Markdown.micros(w.p99()), Markdown.micros(w.p999()),
                        Markdown.micros(w.max()),
                        Markdown.number(r.outcome().fairness(), 2), Long.toString(r.outcome().timeouts())));
            }
        }
        ratios(out);
        if (!smoke) {
            targets(out);
        }
        return out.toString();
    }

    private void ratios(StringBuilder out) {
        Markdown.heading(out, "Contended hold: scopepool against each peer");
        out.append("Throughput: scopepool ÷ peer (above 1.00: scopepool is faster). p99.9: peer ÷ scopepool "
                + "(above 1.00: scopepool's tail is shorter).\n\n");
        List<String> columns = new ArrayList<>();
        for (Scenario s : results.keySet()) {
            columns.add("throughput, " + s.label());
            columns.add("p99.9, " + s.label());
        }
        Markdown.header(out, "peer", columns);
        for (LenderKind peer : LenderKind.values()) {
            if (peer.isScopepool()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (Scenario s : results.keySet()) {
                cells.add(Markdown.ratio(throughputRatio(s, peer)));
                cells.add(Markdown.ratio(tailRatio(s, peer)));
            }
            Markdown.row(out, peer.label, cells);
        }
    }

    private void targets(StringBuilder out) {
        Markdown.heading(out, "Contended hold: targets");
        for (Map.Entry<Scenario, Map<LenderKind, HoldResult>> entry : results.entrySet()) {
            Scenario s = entry.getKey();
            HoldResult ours = entry.getValue().get(LenderKind.SCOPEPOOL);
            double fairness = ours == null ? Double.NaN : ours.outcome().fairness();
            Markdown.target(out, fairness >= FAIR_SHARE, "no caller starved (fairness ≥ " + FAIR_SHARE + "), "
                    + s.label(), Markdown.number(fairness, 2));
            List<LenderKind> fairPeers = entry.getValue().values().stream()
                    .filter(r -> !r.outcome().kind().isScopepool() && r.starvesNoOne())
                    .map(r -> r.outcome().kind()).toList();
            double worstTailRatio = fairPeers.stream().mapToDouble(p -> tailRatio(s, p)).min().orElse(Double.NaN);
            Markdown.target(out, fairPeers.isEmpty() || worstTailRatio >= 1.0,
                    "p99.9 no worse than any peer that starves no one ("
                            + (fairPeers.isEmpty() ? "none does" : fairPeers.stream().map(p -> p.label)
                            .collect(Collectors.joining(", "))) + "), " + s.label(),
                    "smallest peer ÷ scopepool " + Markdown.ratio(worstTailRatio));
            double vsHikari = throughputRatio(s, LenderKind.HIKARI_BAG);
            Markdown.target(out, vsHikari >= 1.0, "throughput ≥ 1.0 × " + LenderKind.HIKARI_BAG.label + ", "
                    + s.label(), Markdown.number(vsHikari, 2));
        }
    }

    private double throughputRatio(Scenario s, LenderKind peer) {
        return value(s, LenderKind.SCOPEPOOL, true) / value(s, peer, true);
    }

    private double tailRatio(Scenario s, LenderKind peer) {
        return value(s, peer, false) / value(s, LenderKind.SCOPEPOOL, false);
    }

    private double value(Scenario s, LenderKind kind, boolean throughput) {
        HoldResult r = results.getOrDefault(s, Map.of()).get(kind);
        if (r == null) {
            return Double.NaN;
        }
        return throughput ? r.opsPerMicro() : r.outcome().waits().p999();
    }
}
