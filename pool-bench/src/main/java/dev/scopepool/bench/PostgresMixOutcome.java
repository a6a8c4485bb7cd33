// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * What one data source did in one PostgreSQL trial besides JMH's throughput: the server it ran on
 * and the sampled {@code getConnection()} waits. A JMH fork writes it to a file when its trial ends
 * and the comparison reads it back, since a fork's JMH result carries only scores.
 *
 * @param server the server's version, as it reports it
 */
record PostgresMixOutcome(JdbcPeer peer, int threads, String server, WaitPercentiles waits) {

    /** Where the benchmark leaves its outcomes, relative to the working directory (pool-bench). */
    static final Path DIRECTORY = Path.of("target", "postgres");

    static Path file(JdbcPeer peer, int threads) {
        return DIRECTORY.resolve(peer.name().toLowerCase(Locale.ROOT) + "-" + threads + "-threads.properties");
    }

    void write() throws IOException {
        Properties p = new Properties();
        p.setProperty("server", server);
        waits.store(p);
        Path file = file(peer, threads);
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, peer.label + ", " + threads + " threads");
        }
    }

    /** @return the outcome the benchmark left, or null if it left none */
    static PostgresMixOutcome read(JdbcPeer peer, int threads) throws IOException {
        Path file = file(peer, threads);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return new PostgresMixOutcome(peer, threads, p.getProperty("server"), WaitPercentiles.load(p));
    }
}
