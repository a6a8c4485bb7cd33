// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs every pool in every {@link VirtualThreadScenario}: for a full run, each in a fresh JVM
 * ({@link VirtualThreadRun}); for a smoke run, in this one, briefly. Compiled only on JDK 21+;
 * the comparison finds it by name.
 */
public final class VirtualThreadComparison {

    private static final Path OUTCOMES = Path.of("target", "virtual-threads");
    /** A child JVM that has not finished by then is hung, not slow. */
    private static final long CHILD_LIMIT_MINUTES = 5;

    private VirtualThreadComparison() {
    }

    /**
     * @param failures where each pool run that failed is described, one line each
     * @return the report section of the runs that succeeded
     */
    public static ReportSection run(boolean smoke, List<String> failures) throws IOException {
        Files.createDirectories(OUTCOMES);
        List<VirtualThreadOutcome> outcomes = new ArrayList<>();
        for (VirtualThreadScenario scenario : smoke ? VirtualThreadScenario.SMOKE : VirtualThreadScenario.FULL) {
            long started = System.nanoTime();
            for (LenderKind kind : LenderKind.values()) {
                try {
                    outcomes.add(smoke ? VirtualThreadRun.measure(kind, scenario) : inChildJvm(kind, scenario));
                } catch (Exception e) {
                    failures.add("virtual threads " + scenario.label() + ": " + kind.label + " failed: " + e);
                }
            }
            System.err.printf("pool-bench: virtual threads %s done in %d s%n", scenario.label(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
        return new VirtualThreadReport(outcomes, smoke);
    }

    private static VirtualThreadOutcome inChildJvm(LenderKind kind, VirtualThreadScenario scenario)
            throws IOException, InterruptedException {
        String name = kind.key + "-" + scenario.threads() + "-threads";
        Path outcome = OUTCOMES.resolve(name + ".properties");
        Path log = OUTCOMES.resolve(name + ".log");
        Files.deleteIfExists(outcome);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(PeerComparison.forkJvmArgs()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), VirtualThreadRun.class.getName(),
                kind.key, Integer.toString(scenario.threads()), Integer.toString(scenario.loansEach()),
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
