// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;
import dev.scopepool.bench.jdbc.JdbcTarget;
import dev.scopepool.jdbc.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * A short OLTP mix through each data source on a real PostgreSQL: each operation borrows a
 * connection, runs a select by primary key ({@value #SELECT_PERCENT} %) or an update by primary
 * key (the rest) of a random row of {@value #ROWS}, in auto-commit, and closes the connection.
 *
 * <p>Each trial (one data source, one thread count) starts a server of its own
 * ({@link PostgresServer}, the one pool-jdbc's tests use: a fresh cluster on a free loopback port,
 * fsync off), fills the table, opens the data source full and stops the server when the trial
 * ends; a shutdown hook stops it on every other path, a failed setup at once. So every data source
 * meets the same fresh table and warm server. The data sources are configured alike
 * ({@link JdbcPeer}): {@value #MAX} connections, min = max, all open before measuring;
 * auto-commit on; no validation of a connection used within the last 500 ms, which under this
 * load is every one, so no borrow pays a validation round trip; a 30 s borrow timeout that
 * never fires (a timeout fails the run). Statements are prepared on every borrow, as an
 * application does; the driver's per-connection cache keeps them prepared on the server.
 *
 * <p>Besides JMH's throughput each thread times one {@code getConnection()} in
 * {@link WaitSample#EVERY}; the percentiles go to a file when the trial ends
 * ({@link PostgresMixOutcome}). Without the PostgreSQL binaries setup fails, saying how to install them.
 */
@State(Scope.Benchmark)
public class PostgresMixBench {

    static final int ROWS = 10_000;
    static final int SELECT_PERCENT = 80;
    /** Connections of every data source. */
    static final int MAX = 8;

    private static final System.Logger LOG = System.getLogger(PostgresMixBench.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Timed waits kept per thread: far more than a measurement takes at 1 in 32. */
    private static final int SAMPLE_CAPACITY = 1 << 16;
    private static final String SELECT = "SELECT counter, payload FROM bench_rows WHERE id = ?";
    private static final String UPDATE = "UPDATE bench_rows SET counter = counter + 1 WHERE id = ?";

    @Param({"SCOPEPOOL", "HIKARICP", "AGROAL", "DBCP2"})
    public String pool;

    private PostgresServer server;
    private String serverVersion;
    private DataSource ds;
    private final Queue<Borrower> borrowers = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void open() throws Exception {
        server = PostgresServer.dedicated("");
        try {
            JdbcTarget target = new JdbcTarget(server.jdbcUrl(), "org.postgresql.Driver", PostgresServer.USER,
                    PostgresServer.PASSWORD);
            serverVersion = createTable(target);
            ds = JdbcPeer.of(pool).openFull(target, MAX, TIMEOUT);
            LOG.log(System.Logger.Level.INFO, () -> pool + " open on " + serverVersion + " at " + target.url());
        } catch (Exception | Error e) {
            server.stop();
            throw e;
        }
    }

    /** @return the server's version, for the report */
    private static String createTable(JdbcTarget target) throws SQLException {
        try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_rows (id INT PRIMARY KEY, counter BIGINT NOT NULL, payload TEXT NOT NULL)");
            s.execute("INSERT INTO bench_rows SELECT i, 0, md5(i::text) FROM generate_series(1, " + ROWS + ") i");
            s.execute("VACUUM ANALYZE bench_rows");
            try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1);
            }
        }
    }

    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) throws Exception {
        try {
            List<Borrower> all = List.copyOf(borrowers);
            new PostgresMixOutcome(JdbcPeer.of(pool), params.getThreads(), serverVersion,
                    WaitPercentiles.of(all.stream().map(b -> b.waits.kept()).toList())).write();
        } finally {
            try {
                JdbcPeer.close(ds);
            } finally {
                server.stop();
            }
        }
    }

    /** One borrowing thread's timed waits, from the first measurement iteration on. */
    @State(Scope.Thread)
    public static class Borrower {
        final WaitSample waits = new WaitSample(SAMPLE_CAPACITY);
        boolean measuring;

        @Setup(Level.Trial)
        public void join(PostgresMixBench bench) {
            bench.borrowers.add(this);
        }

        @Setup(Level.Iteration)
        public void startIteration(IterationParams iteration) {
            boolean measurement = iteration.getType() == IterationType.MEASUREMENT;
            if (measurement && !measuring) {
                waits.clear();
            }
            measuring = measurement;
        }
    }

    /** @return the selected row's counter, or the updated row count, so that nothing is optimised away */
    @Benchmark
    public long selectOrUpdate(Borrower me) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int id = 1 + random.nextInt(ROWS);
        boolean select = random.nextInt(100) < SELECT_PERCENT;
        boolean timed = me.waits.timeNext();
        long asked = timed ? System.nanoTime() : 0;
        try (Connection c = ds.getConnection()) {
            if (timed) {
                me.waits.record(System.nanoTime() - asked);
            }
            return select ? select(c, id) : update(c, id);
        }
    }

    private static long select(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row " + id);
                }
                return rs.getLong(1) + rs.getString(2).length();
            }
        }
    }

    private static long update(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            s.setInt(1, id);
            int updated = s.executeUpdate();
            if (updated != 1) {
                throw new IllegalStateException("updated " + updated + " rows of id " + id);
            }
            return updated;
        }
    }
}
