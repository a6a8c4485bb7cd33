// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What one pool did in one virtual-thread run: completed loans, timeouts, failures, how long the
 * measured round took, every wait's percentiles, and the pinning JFR saw meanwhile. A child JVM
 * writes it to a file; the comparison reads it back.
 *
 * @param failures borrows that threw (before their timeout) instead of lending or timing out
 * @param elapsedNanos from releasing every virtual thread until the last one finished
 * @param pinned {@code jdk.VirtualThreadPinned} events recorded during the measured round
 */
record VirtualThreadOutcome(MeasuredPool pool, int threads, long loans, long timeouts, long failures,
        long elapsedNanos, WaitPercentiles waits, long pinned) {

    double loansPerMilli() {
        return loans / (elapsedNanos / 1e6);
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("pool", pool.key());
        p.setProperty("threads", Integer.toString(threads));
        p.setProperty("loans", Long.toString(loans));
        p.setProperty("timeouts", Long.toString(timeouts));
        p.setProperty("failures", Long.toString(failures));
        p.setProperty("elapsedNanos", Long.toString(elapsedNanos));
        waits.store(p);
        p.setProperty("pinned", Long.toString(pinned));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, pool.label() + ", " + threads + " virtual threads");
        }
    }

    static VirtualThreadOutcome read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        String key = p.getProperty("pool");
        return new VirtualThreadOutcome(VirtualThreadFamily.owning(key).pool(key),
                Integer.parseInt(p.getProperty("threads")), Long.parseLong(p.getProperty("loans")),
                Long.parseLong(p.getProperty("timeouts")), Long.parseLong(p.getProperty("failures")),
                Long.parseLong(p.getProperty("elapsedNanos")),
                WaitPercentiles.load(p), Long.parseLong(p.getProperty("pinned")));
    }
}
