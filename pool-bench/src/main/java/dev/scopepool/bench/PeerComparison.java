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
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark in every {@link Scenario} in one go and prints the Markdown comparison
 * ({@link ComparisonReport}). {@code pool-bench/run.sh} is its front door.
 *
 * <p>Arguments: {@code --smoke} runs each benchmark in-process for one short iteration, to prove
 * it runs, not to measure; {@code --out FILE} also writes the report there. Exits non-zero when a
 * benchmark throws or produces no result.
 */
public final class PeerComparison {

    private static final String ALL_BENCHMARKS = "dev\\.scopepool\\.bench\\.\\w+Bench\\.";

    /** JMH's own per-scenario output, kept for the error bars and the per-iteration numbers. */
    private static final Path LOGS = Path.of("target", "jmh-logs");

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
        try {
            for (Scenario scenario : Scenario.ALL) {
                long started = System.nanoTime();
                Collection<RunResult> results = new Runner(options(scenario, smoke).build()).run();
                List<Measurement> found = measurements(scenario, results);
                requireEveryContender(scenario, found);
                measurements.addAll(found);
                System.err.printf("pool-bench: %s done in %d s%n", scenario.label(),
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            }
        } catch (RunnerException | IllegalStateException e) {
            System.err.println("pool-bench: FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        String report = new ComparisonReport(measurements, smoke).markdown();
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
    }

    private static ChainedOptionsBuilder options(Scenario scenario, boolean smoke) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ALL_BENCHMARKS)
                .param("size", Integer.toString(scenario.size()))
                .threads(scenario.threads())
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.MICROSECONDS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (smoke) {
            // In-process and one short iteration: forking a JVM per benchmark would cost more than the run.
            return options.forks(0).warmupIterations(0)
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(50))
                    .verbosity(VerboseMode.SILENT);
        }
        // Fixed heap so the collector behaves alike for every pool; one fork per benchmark keeps
        // one pool's JIT profile from polluting the next one's.
        return options.forks(1).jvmArgs(forkJvmArgs())
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(4).measurementTime(TimeValue.seconds(1))
                .output(LOGS.resolve(scenario.size() + "-resources-" + scenario.threads() + "-threads.log").toString());
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

    /** A benchmark that silently produced nothing would leave a hole that reads like a result. */
    private static void requireEveryContender(Scenario scenario, List<Measurement> found) {
        Set<Contender> missing = EnumSet.allOf(Contender.class);
        for (Measurement measurement : found) {
            if (!(measurement.opsPerMicro() > 0)) {
                throw new IllegalStateException(measurement.contender().label + " measured nothing in " + scenario.label());
            }
            missing.remove(measurement.contender());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no result in " + scenario.label() + " for " + missing);
        }
    }
}
