// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What one pool did in one hold scenario, besides JMH's throughput: loans per borrowing thread,
 * timed-out borrows and the exact wait percentiles. A JMH fork writes it to a file when its
 * trial ends and the comparison reads it back, since a fork's JMH result carries only scores.
 *
 * @param loansPerThread each thread's completed loans over the measurement iterations
 * @param timeouts borrows that gave up after the acquire timeout, warm-up included
 */
record HoldOutcome(LenderKind kind, int size, int threads, long[] loansPerThread, long timeouts,
        WaitPercentiles waits) {

    /** Where the hold benchmark leaves its outcomes, relative to the working directory (pool-bench). */
    static final Path DIRECTORY = Path.of("target", "hold");

    static Path file(LenderKind kind, int size, int threads) {
        return DIRECTORY.resolve(kind.key + "-" + size + "-resources-" + threads + "-threads.properties");
    }

    /** The least-served thread's loans over the best-served one's: 1 is perfectly fair, 0 starved. */
    double fairness() {
        long least = Arrays.stream(loansPerThread).min().orElse(0);
        long most = Arrays.stream(loansPerThread).max().orElse(0);
        return most == 0 ? Double.NaN : (double) least / most;
    }

    void write() throws IOException {
        Properties p = new Properties();
        p.setProperty("loansPerThread", Arrays.stream(loansPerThread).mapToObj(Long::toString)
                .collect(Collectors.joining(",")));
        p.setProperty("timeouts", Long.toString(timeouts));
        waits.store(p);
        Path file = file(kind, size, threads);
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, String.format(Locale.ROOT, "%s, %d resources, %d threads", kind.label, size, threads));
        }
    }

    /** @return the outcome the benchmark left, or null if it left none */
    static HoldOutcome read(LenderKind kind, int size, int threads) throws IOException {
        Path file = file(kind, size, threads);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        long[] loans = Arrays.stream(p.getProperty("loansPerThread").split(","))
                .filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        return new HoldOutcome(kind, size, threads, loans, Long.parseLong(p.getProperty("timeouts")),
                WaitPercentiles.load(p));
    }
}
