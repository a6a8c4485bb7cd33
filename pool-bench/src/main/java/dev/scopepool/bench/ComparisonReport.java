package dev.scopepool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Turns one run's {@link Measurement}s into the Markdown that {@code run.sh} prints and
 * {@code RESULTS.md} keeps: where it ran, throughput per pool, scopepool's ratio to each peer,
 * allocation per pair, and the targets of SPEC §7 and issue 5, each marked met or missed.
 */
final class ComparisonReport {

    /** Issue 5: allocation below one byte per pair is JMH's own bookkeeping spread over millions of ops. */
    private static final double ZERO_ALLOCATION_BYTES = 1.0;

    private final Map<Scenario, Map<Contender, Measurement>> cells = new HashMap<>();
    private final List<Scenario> scenarios;
    private final List<String> failures;
    private final boolean smoke;

    /** @param failures what did not run, one line each; their cells read "failed" */
    ComparisonReport(List<Measurement> measurements, List<String> failures, boolean smoke) {
        this.failures = failures;
        this.smoke = smoke;
        for (Measurement measurement : measurements) {
            cells.computeIfAbsent(measurement.scenario(), s -> new EnumMap<>(Contender.class))
                    .put(measurement.contender(), measurement);
        }
        // A scenario that did not run at all has no column; the "Failed" list says why.
        this.scenarios = Scenario.ALL.stream().filter(cells::containsKey).toList();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        environment(out);
        table(out, "Throughput: acquire/release pairs per µs, all threads together (higher is better)",
                "pool", Contender.values(), m -> m.opsPerMicro(), this::throughputCell);
        ratios(out);
        table(out, "Allocation: bytes per acquire/release pair (`gc.alloc.rate.norm`)",
                "pool", Contender.values(), m -> m.bytesPerOp(), m -> format(m.bytesPerOp(), 1));
        if (!failures.isEmpty()) {
            out.append("\n### Failed\n\n");
            failures.forEach(f -> out.append("- ").append(f).append('\n'));
        }
        if (!smoke) {
            targets(out);
        }
        return out.toString();
    }

    private void environment(StringBuilder out) {
        Properties peers = peerVersions();
        out.append("## scopepool against its peers").append(smoke ? " (SMOKE RUN: numbers mean nothing)" : "")
                .append("\n\n");
        out.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
        out.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        out.append("- CPU: ").append(cpuModel()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores available\n");
        out.append("- Peers: Commons Pool2 ").append(peers.getProperty("commons-pool2"))
                .append(", Stormpot ").append(peers.getProperty("stormpot"))
                .append(", HikariCP ").append(peers.getProperty("hikaricp"))
                .append("; JMH ").append(peers.getProperty("jmh")).append('\n');
        out.append("- JMH settings: ").append(smoke
                ? "in-process, no warm-up, one 50 ms iteration"
                : "1 fork per benchmark, 3 × 1 s warm-up, 4 × 1 s measurement, -Xms1g -Xmx1g, -prof gc")
                .append('\n');
        out.append("- †: more threads than cores, so a thread can be descheduled while it holds a resource.\n");
    }

    private void ratios(StringBuilder out) {
        Contender[] peers = Arrays.stream(Contender.values())
                .filter(c -> !c.isScopepool()).toArray(Contender[]::new);
        table(out, "scopepool ÷ peer, throughput (above 1.00: scopepool is faster)",
                "peer", peers, this::ratioTo, m -> format(ratioTo(m), 2));
    }

    /** scopepool's throughput over the peer's in the same scenario; NaN if scopepool failed there. */
    private double ratioTo(Measurement peer) {
        return ops(Contender.SCOPEPOOL, peer.scenario()) / peer.opsPerMicro();
    }

    private void table(StringBuilder out, String title, String rowHeader, Contender[] rows,
            ToDoubleFunction<Measurement> value, Function<Measurement, String> text) {
        out.append("\n### ").append(title).append("\n\n| ").append(rowHeader).append(" |");
        scenarios.forEach(s -> out.append(' ').append(s.label()).append(" |"));
        out.append("\n|---|");
        scenarios.forEach(s -> out.append("---:|"));
        for (Contender row : rows) {
            out.append("\n| ").append(row.label).append(" |");
            for (Scenario scenario : scenarios) {
                Measurement measurement = cell(row, scenario);
                out.append(' ').append(measurement == null ? "failed"
                        : Double.isNaN(value.applyAsDouble(measurement)) ? "n/a"
                        : text.apply(measurement)).append(" |");
            }
        }
        out.append('\n');
    }

    private String throughputCell(Measurement m) {
        return Double.isNaN(m.error()) ? format(m.opsPerMicro(), 2)
                : format(m.opsPerMicro(), 2) + " ± " + format(m.error(), 2);
    }

    private void targets(StringBuilder out) {
        out.append("\n### Targets (SPEC §7, issue 5)\n\n");
        for (Scenario scenario : List.of(new Scenario(8, 1), new Scenario(8, 2))) {
            for (Contender peer : List.of(Contender.STORMPOT_NEVER, Contender.STORMPOT_DEFAULT, Contender.HIKARI_BAG)) {
                ratioTarget(out, scenario, peer, 1.0);
            }
            ratioTarget(out, scenario, Contender.COMMONS_POOL2, 10.0);
        }
        Scenario contended = new Scenario(2, 4);
        for (Contender peer : List.of(Contender.HIKARI_BAG, Contender.STORMPOT_NEVER, Contender.STORMPOT_DEFAULT)) {
            ratioTarget(out, contended, peer, 1.0);
        }
        for (Scenario scenario : List.of(new Scenario(8, 1), new Scenario(8, 2))) {
            Measurement measured = cell(Contender.SCOPEPOOL, scenario);
            double bytes = measured == null ? Double.NaN : measured.bytesPerOp();
            target(out, bytes < ZERO_ALLOCATION_BYTES, "no allocation per pair, " + scenario.label(),
                    format(bytes, 3) + " B/op");
        }
        for (int threads : new int[] {1, 2}) {
            double large = ops(Contender.SCOPEPOOL, new Scenario(1024, threads));
            double small = ops(Contender.SCOPEPOOL, new Scenario(8, threads));
            target(out, large >= 0.9 * small, "1,024 resources within 10% of 8, " + threads + " thr",
                    format(large / small, 2) + " × the 8-resource throughput");
        }
    }

    private void ratioTarget(StringBuilder out, Scenario scenario, Contender peer, double atLeast) {
        double ratio = ops(Contender.SCOPEPOOL, scenario) / ops(peer, scenario);
        target(out, ratio >= atLeast, "≥ " + format(atLeast, 1) + " × " + peer.label + ", " + scenario.label(),
                format(ratio, 2));
    }

    private static void target(StringBuilder out, boolean met, String what, String measured) {
        out.append("- ").append(met ? "met" : "**MISSED**").append(": ").append(what)
                .append(" (measured ").append(measured).append(")\n");
    }

    /** @return the measurement, or null when that benchmark failed */
    private Measurement cell(Contender contender, Scenario scenario) {
        return cells.getOrDefault(scenario, Map.of()).get(contender);
    }

    /** A failed benchmark reads as NaN, which fails every comparison and prints as "NaN". */
    private double ops(Contender contender, Scenario scenario) {
        Measurement measured = cell(contender, scenario);
        return measured == null ? Double.NaN : measured.opsPerMicro();
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static Properties peerVersions() {
        Properties versions = new Properties();
        try (InputStream in = ComparisonReport.class.getResourceAsStream("peers.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    /** The marketing name, since "Xeon" alone says little; the OS/arch where /proc is not there. */
    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElseThrow();
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getName() + " " + System.getProperty("os.arch");
        }
    }
}
