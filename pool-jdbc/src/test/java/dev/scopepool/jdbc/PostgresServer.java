// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: a fresh cluster made with {@code initdb} in a temporary
 * directory and started with {@code pg_ctl} on a free loopback port, once per test JVM. It is
 * stopped and deleted by {@link PostgresSupport} when the test run ends and by a shutdown hook
 * on every other path.
 *
 * <p>PostgreSQL refuses to run as root; as root (CI, containers) every server command runs as the
 * {@code postgres} user through {@code runuser}. The binaries are taken from
 * {@code $SCOPEPOOL_PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's
 * {@code postgresql} package, which {@code pool-jdbc/install-test-deps.sh} installs), else the
 * {@code PATH}. Logins use SCRAM passwords, so a wrong password is refused as it would be in
 * production.
 *
 * <p>Public, and shipped in this module's test jar, for the benchmarks that measure the data
 * sources on a real server ({@code pool-bench}); its tests use it within the package.
 */
public final class PostgresServer {

    /** The superuser every server is made with. */
    public static final String USER = "postgres";
    /** {@link #USER}'s password. */
    public static final String PASSWORD = "scopepool-test";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private static PostgresServer shared;

    private final Path dataDir;
    private final int port;
    private final String bin;
    private final boolean root;
    private final String settings;
    private boolean stopped;

    private PostgresServer(Path dataDir, int port, String bin, boolean root, String settings) {
        this.dataDir = dataDir;
        this.port = port;
        this.bin = bin;
        this.root = root;
        this.settings = settings;
    }

    /** @return the server of this test JVM, started on first use */
    static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = start(" -c max_connections=200");
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test PostgreSQL server: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the test PostgreSQL server", e);
            }
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
        }
        return shared;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
        }
    }

    /**
     * Starts a server of its own, for a test that stops it or fills it, or for a benchmark;
     * {@code settings} are more {@code -c name=value} options. The caller stops it; a shutdown
     * hook does on every other path.
     */
    public static PostgresServer dedicated(String settings) throws IOException, InterruptedException {
        PostgresServer server = start(" " + settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-server-stop"));
        return server;
    }

    /** Stops the server at once, as a crash would, keeping its files for {@link #resume()}. */
    void halt() throws IOException, InterruptedException {
        runAsPostgres(List.of(bin + "/pg_ctl", "-D", dataDir.resolve("data").toString(), "-m", "immediate", "-w",
                "-t", "60", "stop"));
    }

    /** Starts the server again after {@link #halt()}, on the same port and files. */
    void resume() throws IOException, InterruptedException {
        startServer();
    }

    int port() {
        return port;
    }

    /** @return a URL of database {@code postgres} on this server */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start(String settings) throws IOException, InterruptedException {
        String bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dataDir = Files.createTempDirectory("scopepool-pg-");
        Path pwFile = dataDir.resolve("pwfile");
        Files.writeString(pwFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        Path cluster = dataDir.resolve("data");
        if (root) {
            run(List.of("chown", "-R", USER + ":" + USER, dataDir.toString()));
        }
        PostgresServer server = new PostgresServer(dataDir, freePort(), bin, root, settings);
        try {
            server.runAsPostgres(List.of(bin + "/initdb", "-D", cluster.toString(), "-U", USER,
                    "--auth=scram-sha-256", "--pwfile=" + pwFile, "--no-sync", "-E", "UTF8", "--locale=C"));
            server.startServer();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Also when interrupted: pg_ctl may have started the server before it was.
            server.stop();
            throw e;
        }
        return server;
    }

    private void startServer() throws IOException, InterruptedException {
        runAsPostgres(List.of(bin + "/pg_ctl", "-D", dataDir.resolve("data").toString(), "-w", "-t", "60",
                "-l", dataDir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" + settings,
                "start"));
    }

    /** Stops the server at once and deletes its files; safe to call more than once. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Path cluster = dataDir.resolve("data");
        try {
            if (Files.exists(cluster.resolve("postmaster.pid"))) {
                runAsPostgres(List.of(bin + "/pg_ctl", "-D", cluster.toString(), "-m", "immediate", "-w", "-t", "60",
                        "stop"));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private void runAsPostgres(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException("failed (exit " + process.exitValue() + "): " + String.join(" ", command) + "\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    /**
     * @return why no server can be started here (no {@code initdb} and {@code pg_ctl} found, and
     *     how to install them), or empty when the binaries are there
     */
    public static Optional<String> missingBinaries() {
        try {
            findBinaries();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String findBinaries() throws IOException {
        String configured = System.getenv("SCOPEPOOL_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured, "initdb"))) {
                throw new IOException("SCOPEPOOL_PG_BIN=" + configured + " has no executable initdb: point it at"
                        + " a PostgreSQL bin directory, or unset it and run pool-jdbc/install-test-deps.sh");
            }
            return configured;
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(PostgresServer::version));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin").toString();
                }
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
                return dir;
            }
        }
        throw new IOException("no PostgreSQL server binaries (initdb, pg_ctl) found: run"
                + " pool-jdbc/install-test-deps.sh, or set SCOPEPOOL_PG_BIN");
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
