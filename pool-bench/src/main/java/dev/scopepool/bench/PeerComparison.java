package dev.scopepool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in every {@link Scenario} in one go and prints the Markdown comparison
 * ({@link ComparisonReport}). {@code pool-bench/run.sh} is its front door.
 *
 * <p>Arguments: {@code --smoke} runs each benchmark in-process for one short iteration, to prove
 * it runs, not to measure; {@code --out FILE} also writes the report there. Exits non-zero when a
 * benchmark throws or produces no result, after reporting everything that did run; JMH's own
 * output, with any benchmark's exception, is in {@code target/jmh-logs/}.
 */
public final class PeerComparison {

    private static final String ALL_BENCHMARKS = "dev\\.scopepool\\.bench\\.\\w+Bench\\.";

    /** JMH's own per-scenario output, kept for the error bars and the per-iteration numbers. */
    private static final Path LOGS = Path.of("target", "jmh-logs");

    /** Enough of a stack trace to see the failing call inside the pool, not the JMH frames under it. */
    private static final int FAILURE_EXCERPT_LINES = 12;

    private PeerComparison() {
    }

    public static void main(String[] args) throws IOException {
        boolean smoke = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: PeerComparison [--smoke] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(LOGS);
        List<Measurement> measurements = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Scenario scenario : Scenario.ALL) {
            long started = System.nanoTime();
            Path log = LOGS.resolve((smoke ? "smoke-" : "") + scenario.size() + "-resources-"
                    + scenario.threads() + "-threads.log");
            Collection<RunResult> results;
            try {
                results = new Runner(options(scenario, smoke, log).build()).run();
            } catch (RunnerException e) {
                failures.add(scenario.label() + ": " + e.getMessage() + " (see " + log + ")");
                continue;
            }
            List<Measurement> found = measurements(scenario, results);
            measurements.addAll(found);
            Set<Contender> missing = missing(found);
            for (Contender contender : missing) {
                failures.add(scenario.label() + ": " + contender.label + " failed (see " + log + ")");
            }
            if (!missing.isEmpty()) {
                System.err.print(failureExcerpt(log));
                if (smoke) {
                    // In-process, JMH keeps a failed benchmark's state (never torn down) for its
                    // later runs, so later scenarios would only repeat this failure, misleadingly.
                    break;
                }
            }
            System.err.printf("pool-bench: %s done in %d s%n", scenario.label(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
        String report = new ComparisonReport(measurements, failures, smoke).markdown();
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        failures.forEach(f -> System.err.println("pool-bench: FAILED: " + f));
        if (smoke) {
            // The plain closing line CI logs are read by: one per benchmark run in a scenario.
            long passed = measurements.stream().filter(m -> m.opsPerMicro() > 0).count();
            System.out.printf("%nsmoke: %d passed, %d failed%n", passed, failures.size());
        }
        if (!failures.isEmpty()) {
            System.exit(1);
        }
    }

    /**
     * One benchmark that throws must not hide the others' results: JMH goes on past it and
     * leaves it out of the results, which {@link #missing} then reports.
     */
    private static ChainedOptionsBuilder options(Scenario scenario, boolean smoke, Path log) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ALL_BENCHMARKS)
                .param("size", Integer.toString(scenario.size()))
                .threads(scenario.threads())
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.MICROSECONDS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false)
                .output(log.toString());
        if (smoke) {
            // In-process and one short iteration: forking a JVM per benchmark would cost more than the run.
            return options.forks(0).warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(50));
        }
        // Fixed heap so the collector behaves alike for every pool; one fork per benchmark keeps
        // one pool's JIT profile from polluting the next one's.
        return options.forks(1).jvmArgs(forkJvmArgs())
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(4).measurementTime(TimeValue.seconds(1));
    }

    private static String[] forkJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        if (Runtime.version().feature() >= 24) {
            // JMH uses sun.misc.Unsafe; JDK 24+ would print a deprecation warning into every fork's log.
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args.toArray(String[]::new);
    }

    private static List<Measurement> measurements(Scenario scenario, Collection<RunResult> results) {
        List<Measurement> found = new ArrayList<>();
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
            found.add(new Measurement(Contender.of(result.getParams()), scenario,
                    primary.getScore(), primary.getScoreError(),
                    allocation == null ? Double.NaN : allocation.getScore()));
        }
        return found;
    }

    /** The start of each exception JMH logged, so CI output shows why without opening the log. */
    private static String failureExcerpt(Path log) {
        StringBuilder excerpt = new StringBuilder();
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("<failure>")) {
                    lines.subList(i, Math.min(lines.size(), i + FAILURE_EXCERPT_LINES))
                            .forEach(line -> excerpt.append("pool-bench: | ").append(line).append('\n'));
                }
            }
        } catch (IOException e) {
            excerpt.append("pool-bench: cannot read ").append(log).append(": ").append(e).append('\n');
        }
        return excerpt.toString();
    }

    /** The contenders without a usable result: their benchmark threw, or measured nothing. */
    private static Set<Contender> missing(List<Measurement> found) {
        Set<Contender> missing = EnumSet.allOf(Contender.class);
        for (Measurement measurement : found) {
            if (measurement.opsPerMicro() > 0) {
                missing.remove(measurement.contender());
            }
        }
        return missing;
    }
}
