// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;
import dev.scopepool.jdbc.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Runs every scenario against every pool in one go and prints the Markdown comparison: the
 * uncontended pair beside its two floors ({@link PairReport}), contended hold
 * ({@link HoldReport}), the JDBC cycles on a stub driver ({@link JdbcCycleReport}), on JDK 21+
 * virtual threads on the token pools and on the JDBC data sources (sections compiled only
 * there), and the select/update mix on a real PostgreSQL ({@link PostgresMixReport}).
 * {@code pool-bench/run.sh} is its front door.
 *
 * <p>Arguments ({@link ComparisonOptions}): {@code --smoke} runs each benchmark in-process for one
 * short iteration, to prove it runs, not to measure; {@code --out FILE} also writes the report
 * there; {@code --only SECTION[,SECTION…]} runs only those sections ({@link SectionName}). Exits
 * non-zero when a benchmark throws or produces no result, after reporting everything that did
 * run, and when a measuring run finds no PostgreSQL to run on (a smoke run says so and goes on);
 * JMH's own output, with any benchmark's exception, is in {@code target/jmh-logs/}.
 */
public final class PeerComparison {

    private static final String PAIR_BENCHMARKS = "dev\\.scopepool\\.bench\\.(?!Hold|PostgresMix)\\w+Bench\\.";
    private static final String HOLD_BENCHMARK = "dev\\.scopepool\\.bench\\.HoldBench\\.";
    private static final String JDBC_BENCHMARK = "dev\\.scopepool\\.bench\\.jdbc\\.DataSourceBench\\.";
    private static final String POSTGRES_BENCHMARK = "dev\\.scopepool\\.bench\\.PostgresMixBench\\.";
    /** Compiled only on JDK 21+, so found by name. */
    private static final String VIRTUAL_THREAD_SECTION = "dev.scopepool.bench.VirtualThreadComparison";

    /** JMH's own per-scenario output, kept for the error bars and the per-iteration numbers. */
    private static final Path LOGS = Path.of("target", "jmh-logs");

    /** Enough of a stack trace to see the failing call inside the pool, not the JMH frames under it. */
    private static final int FAILURE_EXCERPT_LINES = 12;

    private static final String SMOKE_SETTINGS = "in-process, no warm-up, one 50 ms iteration";
    /** More iterations for the pair: its ratios use the best one, and more draws find a quieter second. */
    private static final int PAIR_ITERATIONS = 5;
    private static final int HOLD_ITERATIONS = 3;
    private static final String PAIR_SETTINGS = "1 fork per benchmark, 2 × 1 s warm-up, " + PAIR_ITERATIONS
            + " × 1 s measurement, -Xms1g -Xmx1g, -prof gc";
    private static final String HOLD_SETTINGS = "1 fork per benchmark, 2 × 1 s warm-up, " + HOLD_ITERATIONS
            + " × 1 s measurement, -Xms1g -Xmx1g";
    /** The JDBC cycles and the PostgreSQL mix: as the pair, without the allocation profiler. */
    private static final String JDBC_SETTINGS = PAIR_SETTINGS.replace(", -prof gc", "");
    private static final double MICROS_PER_MILLI = 1_000.0;

    /** A smoke run only proves the hold benchmark runs: a starving peer must not hold it up for 5 s. */
    private static final String SMOKE_HOLD_TIMEOUT_MILLIS = "250";

    private final boolean smoke;
    private final List<String> failures = new ArrayList<>();

    private PeerComparison(boolean smoke) {
        this.smoke = smoke;
    }

    public static void main(String[] args) throws IOException {
        ComparisonOptions options;
        try {
            options = ComparisonOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PeerComparison: " + e.getMessage());
            System.err.println(ComparisonOptions.USAGE);
            System.exit(2);
            return;
        }
        boolean smoke = options.smoke();
        Path out = options.out();
        Files.createDirectories(LOGS);
        PeerComparison comparison = new PeerComparison(smoke);
        String environment = RunEnvironment.markdown(smoke);
        List<ReportSection> sections = new ArrayList<>();
        for (SectionName name : options.sections()) {
            ReportSection section = comparison.section(name);
            if (section != null) {
                sections.add(section);
            }
        }
        StringBuilder report = new StringBuilder(environment);
        sections.forEach(s -> report.append(s.markdown()));
        if (!comparison.failures.isEmpty()) {
            report.append("\n### Failed\n\n");
            comparison.failures.forEach(f -> report.append("- ").append(f).append('\n'));
        }
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        comparison.failures.forEach(f -> System.err.println("pool-bench: FAILED: " + f));
        if (smoke) {
            // The plain closing line CI logs are read by: one per pool run in a scenario.
            long passed = sections.stream().mapToLong(ReportSection::passed).sum();
            System.out.printf("%nsmoke: %d passed, %d failed%n", passed, comparison.failures.size());
        }
        if (!comparison.failures.isEmpty()) {
            System.exit(1);
        }
    }

    /** @return the section, or null when it cannot run on this JDK */
    private ReportSection section(SectionName name) {
        return switch (name) {
            case PAIR -> pairs();
            case HOLD -> holds();
            case JDBC_CYCLES -> jdbcCycles();
            case VIRTUAL_THREADS -> virtualThreads(name, "POOLS");
            case JDBC_VIRTUAL_THREADS -> virtualThreads(name, "DATA_SOURCES");
            case POSTGRES -> postgres();
        };
    }

    private ReportSection pairs() {
        List<Measurement> measurements = new ArrayList<>();
        for (Scenario scenario : Scenario.UNCONTENDED) {
            Collection<RunResult> results = run(scenario, "pair", PAIR_ITERATIONS, new OptionsBuilder()
                    .include(PAIR_BENCHMARKS).param("size", Integer.toString(scenario.size()))
                    .addProfiler(GCProfiler.class));
            if (results == null) {
                break;
            }
            List<Measurement> found = new ArrayList<>();
            for (RunResult result : results) {
                Result<?> primary = result.getPrimaryResult();
                Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
                double best = bestIteration(result);
                found.add(new Measurement(Contender.of(result.getParams()), scenario,
                        primary.getScore(), primary.getScoreError(), best,
                        allocation == null ? Double.NaN : allocation.getScore()));
            }
            measurements.addAll(found);
            Set<Contender> missing = EnumSet.allOf(Contender.class);
            found.stream().filter(m -> m.opsPerMicro() > 0).forEach(m -> missing.remove(m.contender()));
            if (!reportMissing(scenario, "pair", missing.stream().map(c -> c.label).toList())) {
                break;
            }
        }
        return new PairReport(measurements, smoke ? SMOKE_SETTINGS : PAIR_SETTINGS, smoke);
    }

    private ReportSection holds() {
        List<HoldResult> measured = new ArrayList<>();
        clearOutcomes(HoldOutcome.DIRECTORY);
        for (Scenario scenario : Scenario.HOLD) {
            Collection<RunResult> results = run(scenario, "hold", HOLD_ITERATIONS, new OptionsBuilder()
                    .include(HOLD_BENCHMARK).param("size", Integer.toString(scenario.size()))
                    .param("timeoutMillis", holdTimeoutMillis()));
            if (results == null) {
                break;
            }
            Set<LenderKind> missing = EnumSet.allOf(LenderKind.class);
            for (RunResult result : results) {
                LenderKind kind = LenderKind.of(result.getParams().getParam("pool"));
                HoldOutcome outcome = readOutcome(kind.label,
                        () -> HoldOutcome.read(kind, scenario.size(), scenario.threads()));
                Result<?> primary = result.getPrimaryResult();
                if (outcome != null && primary.getScore() > 0) {
                    measured.add(new HoldResult(outcome, scenario, primary.getScore(), primary.getScoreError()));
                    missing.remove(kind);
                }
            }
            if (!reportMissing(scenario, "hold", missing.stream().map(k -> k.label).toList())) {
                break;
            }
        }
        return new HoldReport(measured, smoke ? SMOKE_SETTINGS : HOLD_SETTINGS, holdTimeoutMillis() + " ms", smoke);
    }

    private ReportSection jdbcCycles() {
        List<JdbcCycleResult> measured = new ArrayList<>();
        for (int threads : JdbcCycleReport.THREADS) {
            Scenario scenario = new Scenario(32, threads);
            Collection<RunResult> results = run(scenario, "jdbc", PAIR_ITERATIONS,
                    new OptionsBuilder().include(JDBC_BENCHMARK));
            if (results == null) {
                break;
            }
            List<String> missing = new ArrayList<>();
            for (JdbcPeer peer : JdbcPeer.values()) {
                for (String cycle : JdbcCycleReport.CYCLES) {
                    missing.add(peer.label + " " + cycle);
                }
            }
            for (RunResult result : results) {
                JdbcPeer peer = JdbcPeer.of(result.getParams().getParam("pool"));
                String benchmark = result.getParams().getBenchmark();
                String cycle = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                Result<?> primary = result.getPrimaryResult();
                double best = bestIteration(result);
                if (primary.getScore() > 0) {
                    measured.add(new JdbcCycleResult(peer, cycle, threads, primary.getScore(),
                            primary.getScoreError(), best));
                    missing.remove(peer.label + " " + cycle);
                }
            }
            if (!reportMissing(scenario, "jdbc", missing)) {
                break;
            }
        }
        return new JdbcCycleReport(measured, smoke ? SMOKE_SETTINGS : JDBC_SETTINGS, smoke);
    }

    /**
     * The select/update mix on PostgreSQL. Without the server's binaries a measuring run fails
     * (the section says why); a smoke run, which proves only that what can run does, says so too
     * and goes on.
     */
    private ReportSection postgres() {
        Optional<String> missing = PostgresServer.missingBinaries();
        if (missing.isPresent()) {
            if (smoke) {
                System.err.println("pool-bench: postgres NOT RUN in this smoke run: " + missing.get());
            } else {
                failures.add("postgres: not measured: " + missing.get());
            }
            return PostgresMixReport.notMeasured(missing.get());
        }
        List<PostgresMixResult> measured = new ArrayList<>();
        clearOutcomes(PostgresMixOutcome.DIRECTORY);
        for (int threads : PostgresMixReport.THREADS) {
            Scenario scenario = new Scenario(PostgresMixBench.MAX, threads);
            Collection<RunResult> results = run(scenario, "postgres", PAIR_ITERATIONS,
                    new OptionsBuilder().include(POSTGRES_BENCHMARK));
            if (results == null) {
                break;
            }
            Set<JdbcPeer> missingPeers = EnumSet.allOf(JdbcPeer.class);
            for (RunResult result : results) {
                JdbcPeer peer = JdbcPeer.of(result.getParams().getParam("pool"));
                PostgresMixOutcome outcome = readOutcome(peer.label,
                        () -> PostgresMixOutcome.read(peer, scenario.threads()));
                Result<?> primary = result.getPrimaryResult();
                if (outcome != null && primary.getScore() > 0) {
                    measured.add(new PostgresMixResult(outcome, primary.getScore() * MICROS_PER_MILLI,
                            primary.getScoreError() * MICROS_PER_MILLI, bestIteration(result) * MICROS_PER_MILLI));
                    missingPeers.remove(peer);
                }
            }
            if (!reportMissing(scenario, "postgres", missingPeers.stream().map(p -> p.label).toList())) {
                break;
            }
        }
        return new PostgresMixReport(measured, smoke ? SMOKE_SETTINGS : JDBC_SETTINGS);
    }

    /** @return the best measurement iteration's score: on a shared machine, the least disturbed */
    private static double bestIteration(RunResult result) {
        return result.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .mapToDouble(i -> i.getPrimaryResult().getScore()).max().orElse(Double.NaN);
    }

    private String holdTimeoutMillis() {
        return smoke ? SMOKE_HOLD_TIMEOUT_MILLIS : HoldBench.TIMEOUT_MILLIS;
    }

    /**
     * @param family the virtual-thread family the section measures, by name
     * @return a virtual-thread section, or null on a JDK without virtual threads
     */
    private ReportSection virtualThreads(SectionName name, String family) {
        if (Runtime.version().feature() < 21) {
            System.err.println("pool-bench: " + name.key + " skipped: needs JDK 21+, running on " + Runtime.version());
            return null;
        }
        try {
            return (ReportSection) Class.forName(VIRTUAL_THREAD_SECTION)
                    .getMethod("run", String.class, boolean.class, List.class).invoke(null, family, smoke, failures);
        } catch (InvocationTargetException e) {
            failures.add(name.key + ": " + e.getCause());
            e.getCause().printStackTrace();
        } catch (ReflectiveOperationException e) {
            failures.add(name.key + ": not compiled into this jar (built on a JDK before 21?): " + e);
        }
        return null;
    }

    /**
     * Runs one scenario's benchmarks. One benchmark that throws must not hide the others'
     * results: JMH goes on past it and leaves it out of the results.
     *
     * @return the results, or null (with the failure recorded) when JMH itself failed
     */
    private Collection<RunResult> run(Scenario scenario, String family, int iterations,
            ChainedOptionsBuilder options) {
        long started = System.nanoTime();
        Path log = log(scenario, family);
        options.threads(scenario.threads()).mode(Mode.Throughput).timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(false).output(log.toString());
        if (smoke) {
            // In-process and one short iteration: forking a JVM per benchmark would cost more than the run.
            options.forks(0).warmupIterations(0).measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(50));
        } else {
            // Fixed heap so the collector behaves alike for every pool; one fork per benchmark keeps
            // one pool's JIT profile from polluting the next one's.
            options.forks(1).jvmArgs(forkJvmArgs())
                    .warmupIterations(2).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(1));
        }
        try {
            return new Runner(options.build()).run();
        } catch (RunnerException e) {
            failures.add(family + " " + scenario.label() + ": " + e.getMessage() + " (see " + log + ")");
            return null;
        } finally {
            System.err.printf("pool-bench: %s %s done in %d s%n", family, scenario.label(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
    }

    /** @return whether to go on with the family's next scenario */
    private boolean reportMissing(Scenario scenario, String family, List<String> missing) {
        Path log = log(scenario, family);
        missing.forEach(m -> failures.add(family + " " + scenario.label() + ": " + m + " failed (see " + log + ")"));
        if (missing.isEmpty()) {
            return true;
        }
        System.err.print(failureExcerpt(log));
        // In-process, JMH keeps a failed benchmark's state (never torn down) for its later runs,
        // so later scenarios would only repeat this failure, misleadingly.
        return !smoke;
    }

    private Path log(Scenario scenario, String family) {
        return LOGS.resolve((smoke ? "smoke-" : "") + family + "-" + scenario.fileName() + ".log");
    }

    /** @return the outcome a fork left, or null (told on stderr) when it is unreadable */
    private static <T> T readOutcome(String pool, Callable<T> read) {
        try {
            return read.call();
        } catch (Exception e) {
            System.err.println("pool-bench: unreadable outcome of " + pool + ": " + e);
            return null;
        }
    }

    /** A benchmark that fails must not be reported with a previous run's outcome. */
    private static void clearOutcomes(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] forkJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        if (Runtime.version().feature() >= 24) {
            // JMH uses sun.misc.Unsafe; JDK 24+ would print a deprecation warning into every fork's log.
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args.toArray(String[]::new);
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
}
