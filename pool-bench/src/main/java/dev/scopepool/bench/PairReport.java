// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The uncontended pair's part of the report: throughput per pool and floor, scopepool's ratio to
 * each, allocation per pair, and the targets, each marked met or missed.
 */
final class PairReport implements ReportSection {

    /** Allocation below one byte per pair is JMH's own bookkeeping spread over millions of ops. */
    private static final double ZERO_ALLOCATION_BYTES = 1.0;
    /** scopepool must reach this share of the two-CAS floor. */
    private static final double TWO_CAS_FLOOR_SHARE = 0.9;

    private final Map<Scenario, Map<Contender, Measurement>> cells = new HashMap<>();
    private final List<Scenario> scenarios;
    private final String settings;
    private final boolean smoke;

    PairReport(List<Measurement> measurements, String settings, boolean smoke) {
        this.settings = settings;
        this.smoke = smoke;
        for (Measurement measurement : measurements) {
            cells.computeIfAbsent(measurement.scenario(), s -> new EnumMap<>(Contender.class))
                    .put(measurement.contender(), measurement);
        }
        // A scenario that did not run at all has no column; the failure list says why.
        this.scenarios = Scenario.UNCONTENDED.stream().filter(cells::containsKey).toList();
    }

    @Override
    public long passed() {
        return cells.values().stream().flatMap(m -> m.values().stream()).filter(m -> m.opsPerMicro() > 0).count();
    }

    @Override
    public String markdown() {
        StringBuilder out = new StringBuilder();
        Markdown.heading(out, "Uncontended pair: acquire/release pairs per µs, all threads together (higher is better)");
        out.append("JMH throughput mode; ").append(settings).append(". Mean ± 99.9% interval, then (in brackets) "
                + "the best iteration. Ratios and targets use the best iteration: on a shared machine other work "
                + "only ever slows an iteration down, so the best one is the least disturbed.\n\n");
        table(out, "pool", Contender.values(),
                m -> Markdown.scoreAndBest(m.opsPerMicro(), m.error(), m.bestOpsPerMicro()));
        Markdown.heading(out, "Uncontended pair: scopepool ÷ each row, best iterations (above 1.00: scopepool is faster)");
        Contender[] others = Arrays.stream(Contender.values()).filter(c -> c != Contender.SCOPEPOOL)
                .toArray(Contender[]::new);
        table(out, "row", others, m -> Markdown.ratio(ratioTo(m.contender(), m.scenario())));
        Markdown.heading(out, "Uncontended pair: bytes allocated per pair (`gc.alloc.rate.norm`)");
        table(out, "pool", Contender.values(), m -> Markdown.number(m.bytesPerOp(), 1));
        if (!smoke) {
            targets(out);
        }
        return out.toString();
    }

    private void table(StringBuilder out, String first, Contender[] rows, Function<Measurement, String> text) {
        Markdown.header(out, first, scenarios.stream().map(Scenario::label).toList());
        for (Contender row : rows) {
            Markdown.row(out, row.label, scenarios.stream().map(s -> {
                Measurement m = cell(row, s);
                return m == null ? "failed" : text.apply(m);
            }).toList());
        }
    }

    private void targets(StringBuilder out) {
        Markdown.heading(out, "Uncontended pair: targets");
        for (Scenario scenario : scenarios) {
            double floor = ratioTo(Contender.FLOOR_TWO_CAS, scenario);
            Markdown.target(out, floor >= TWO_CAS_FLOOR_SHARE, "≥ " + TWO_CAS_FLOOR_SHARE + " × "
                    + Contender.FLOOR_TWO_CAS.label + ", " + scenario.label(), Markdown.number(floor, 2));
            for (Contender peer : Contender.values()) {
                if (peer.mustBeMatched()) {
                    double ratio = ratioTo(peer, scenario);
                    Markdown.target(out, ratio >= 1.0, "≥ 1.0 × " + peer.label + ", " + scenario.label(),
                            Markdown.number(ratio, 2));
                }
            }
            Measurement measured = cell(Contender.SCOPEPOOL, scenario);
            double bytes = measured == null ? Double.NaN : measured.bytesPerOp();
            Markdown.target(out, bytes < ZERO_ALLOCATION_BYTES, "no allocation per pair, " + scenario.label(),
                    Markdown.number(bytes, 3) + " B/op");
        }
        for (int threads : new int[] {1, 2}) {
            double large = ops(Contender.SCOPEPOOL, new Scenario(1024, threads));
            double small = ops(Contender.SCOPEPOOL, new Scenario(8, threads));
            Markdown.target(out, large >= 0.9 * small, "1,024 resources within 10% of 8, " + threads + " thr",
                    Markdown.number(large / small, 2) + " × the 8-resource throughput");
        }
    }

    /** scopepool's throughput over the row's in the same scenario; NaN if either failed. */
    private double ratioTo(Contender row, Scenario scenario) {
        return ops(Contender.SCOPEPOOL, scenario) / ops(row, scenario);
    }

    private Measurement cell(Contender contender, Scenario scenario) {
        return cells.getOrDefault(scenario, Map.of()).get(contender);
    }

    /**
     * The best iteration's throughput, which ratios and targets compare. A failed benchmark reads
     * as NaN, which fails every comparison and prints as "n/a".
     */
    private double ops(Contender contender, Scenario scenario) {
        Measurement measured = cell(contender, scenario);
        return measured == null ? Double.NaN : measured.bestOpsPerMicro();
    }
}
