// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One virtual-thread family's part of the report: per scenario, each pool's throughput, wait
 * percentiles, timeouts, failures and pinning, with scopepool's ratio to each peer; then, for the
 * token pools, the targets.
 */
final class VirtualThreadReport implements ReportSection {

    private static final double NANOS_PER_MILLI = 1e6;

    private final VirtualThreadFamily family;
    private final Map<Integer, List<VirtualThreadOutcome>> byThreads = new LinkedHashMap<>();
    private final boolean smoke;

    VirtualThreadReport(VirtualThreadFamily family, List<VirtualThreadOutcome> outcomes, boolean smoke) {
        this.family = family;
        this.smoke = smoke;
        for (VirtualThreadOutcome o : outcomes) {
            byThreads.computeIfAbsent(o.threads(), t -> new ArrayList<>()).add(o);
        }
    }

    @Override
    public long passed() {
        return byThreads.values().stream().mapToLong(List::size).sum();
    }

    @Override
    public String markdown() {
        StringBuilder out = new StringBuilder();
        Markdown.heading(out, family.heading);
        out.append(smoke ? "In-process, no warm-up, one or two loans per thread."
                : "One fresh JVM per pool and scenario (-Xms1g -Xmx1g); an unmeasured warm-up round, then the "
                + "measured round under a JFR recording of `jdk.VirtualThreadPinned` (threshold 0).")
                .append(" Every borrow timed; timeouts after ").append(VirtualThreadScenario.TIMEOUT.toSeconds())
                .append(" s; failures: borrows that threw sooner. Ratio: scopepool ÷ the row (throughput), the row ÷ "
                        + "scopepool (max wait); above 1.00 scopepool is better.\n");
        for (Map.Entry<Integer, List<VirtualThreadOutcome>> entry : byThreads.entrySet()) {
            List<VirtualThreadOutcome> outcomes = entry.getValue();
            Optional<VirtualThreadOutcome> ours = scopepool(outcomes);
            out.append("\n**").append(String.format("%,d", entry.getKey())).append(" virtual threads**\n\n");
            Markdown.header(out, "pool", List.of("loans/ms", "p50 wait ms", "p99 wait ms", "max wait ms",
                    "timeouts", "failures", "pinned events", "throughput ratio", "max-wait ratio"));
            for (VirtualThreadOutcome o : outcomes) {
                Markdown.row(out, o.pool().label(), List.of(Markdown.number(o.loansPerMilli(), 1),
                        millis(o.waits().p50()), millis(o.waits().p99()), millis(o.waits().max()),
                        Long.toString(o.timeouts()), Long.toString(o.failures()), Long.toString(o.pinned()),
                        o.pool().isScopepool() ? "" : Markdown.number(ours.map(s -> s.loansPerMilli()
                                / o.loansPerMilli()).orElse(Double.NaN), 2),
                        o.pool().isScopepool() ? "" : Markdown.number(ours.map(s -> o.waits().max()
                                / s.waits().max()).orElse(Double.NaN), 2)));
            }
        }
        if (!smoke && family.hasTargets()) {
            targets(out);
        }
        return out.toString();
    }

    private void targets(StringBuilder out) {
        Markdown.heading(out, "Virtual threads: targets");
        for (Map.Entry<Integer, List<VirtualThreadOutcome>> entry : byThreads.entrySet()) {
            String scenario = String.format("%,d virtual threads", entry.getKey());
            List<VirtualThreadOutcome> peers = entry.getValue().stream().filter(o -> !o.pool().isScopepool()).toList();
            Optional<VirtualThreadOutcome> ours = scopepool(entry.getValue());
            Optional<VirtualThreadOutcome> bestPeer = peers.stream()
                    .max((a, b) -> Double.compare(a.loansPerMilli(), b.loansPerMilli()));
            double ratio = ours.map(VirtualThreadOutcome::loansPerMilli).orElse(Double.NaN)
                    / bestPeer.map(VirtualThreadOutcome::loansPerMilli).orElse(Double.NaN);
            Markdown.target(out, ratio >= 1.0, "throughput ≥ 1.0 × the best peer ("
                    + bestPeer.map(p -> p.pool().label()).orElse("none") + "), " + scenario, Markdown.number(ratio, 2));
            double ourMax = ours.map(o -> o.waits().max()).orElse(Double.NaN);
            double lowestPeerMax = peers.stream().mapToDouble(o -> o.waits().max()).min().orElse(Double.NaN);
            Markdown.target(out, ourMax <= lowestPeerMax, "the lowest max wait of all pools, " + scenario,
                    millis(ourMax) + " ms against the lowest peer's " + millis(lowestPeerMax) + " ms");
            long pinned = ours.map(VirtualThreadOutcome::pinned).orElse(-1L);
            Markdown.target(out, pinned == 0, "no `jdk.VirtualThreadPinned` event in steady state, " + scenario,
                    pinned + " events");
        }
    }

    private static Optional<VirtualThreadOutcome> scopepool(List<VirtualThreadOutcome> outcomes) {
        return outcomes.stream().filter(o -> o.pool().isScopepool()).findFirst();
    }

    private static String millis(double nanos) {
        return Markdown.number(nanos / NANOS_PER_MILLI, 2);
    }
}
