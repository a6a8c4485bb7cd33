// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs every pool of a {@link VirtualThreadFamily} in each of its scenarios: for a full run, each
 * in a fresh JVM ({@link VirtualThreadRun}); for a smoke run, in this one, briefly. Compiled only
 * on JDK 21+; the comparison finds it by name.
 */
public final class VirtualThreadComparison {

    private static final Path OUTCOMES = Path.of("target", "virtual-threads");
    /** A child JVM that has not finished by then is hung, not slow. */
    private static final long CHILD_LIMIT_MINUTES = 5;

    private VirtualThreadComparison() {
    }

    /**
     * @param familyName a {@link VirtualThreadFamily}'s name: {@code POOLS} or {@code DATA_SOURCES}
     * @param failures where each pool run that failed, or whose borrows failed, is described, one line each
     * @return the report section of the runs that succeeded
     */
    public static ReportSection run(String familyName, boolean smoke, List<String> failures) throws IOException {
        VirtualThreadFamily family = VirtualThreadFamily.valueOf(familyName);
        Files.createDirectories(OUTCOMES);
        List<VirtualThreadOutcome> outcomes = new ArrayList<>();
        for (VirtualThreadScenario scenario : smoke ? family.smoke : family.full) {
            long started = System.nanoTime();
            for (MeasuredPool pool : family.pools) {
                try {
                    VirtualThreadOutcome outcome = smoke ? VirtualThreadRun.measure(family, pool, scenario)
                            : inChildJvm(pool, scenario);
                    outcomes.add(outcome);
                    if (outcome.failures() > 0) {
                        failures.add(family.label + " " + scenario.label() + ": " + pool.label() + ": " + outcome.failures()
                                + " borrows failed (see " + (smoke ? "the log above" : file(pool, scenario, "log")) + ")");
                    }
                } catch (Exception e) {
                    failures.add(family.label + " " + scenario.label() + ": " + pool.label() + " failed: " + e);
                }
            }
            System.err.printf("pool-bench: %s %s done in %d s%n", family.label, scenario.label(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
        return new VirtualThreadReport(family, outcomes, smoke);
    }

    private static Path file(MeasuredPool pool, VirtualThreadScenario scenario, String extension) {
        return OUTCOMES.resolve(pool.key() + "-" + scenario.threads() + "-threads." + extension);
    }

    private static VirtualThreadOutcome inChildJvm(MeasuredPool pool, VirtualThreadScenario scenario)
            throws IOException, InterruptedException {
        Path outcome = file(pool, scenario, "properties");
        Path log = file(pool, scenario, "log");
        Files.deleteIfExists(outcome);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(PeerComparison.forkJvmArgs()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VirtualThreadRun.class.getName(),
                pool.key(), Integer.toString(scenario.threads()), Integer.toString(scenario.loansEach()),
                Integer.toString(scenario.warmUpLoansEach()), outcome.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(CHILD_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException("no result within " + CHILD_LIMIT_MINUTES + " minutes (see " + log + ")");
        }
        if (child.exitValue() != 0 || !Files.exists(outcome)) {
            throw new IllegalStateException("exit code " + child.exitValue() + " (see " + log + ")");
        }
        return VirtualThreadOutcome.read(outcome);
    }
}
