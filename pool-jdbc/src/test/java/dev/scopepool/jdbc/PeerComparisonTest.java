// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures, on the same PostgreSQL server, what happens on hand-back, on a fatal error and on
 * {@code abort} in scopepool, HikariCP and Agroal, each with one connection and its defaults,
 * and prints the side-by-side table that {@code docs/jdbc.md} shows (also written to
 * {@code target/peer-comparison.md}). The documented table is pinned here: a peer that changes
 * behaviour fails the test until the docs say so.
 */
@ExtendWith(PostgresSupport.class)
class PeerComparisonTest {

    /** One pool under test: its name in the table, and how to make a one-connection data source. */
    private record Peer(String name, PoolMaker maker) { }

    @FunctionalInterface
    private interface PoolMaker {
        DataSource open(String application) throws SQLException;
    }

    @FunctionalInterface
    private interface Scenario {
        String run(DataSource ds, String application) throws Exception;
    }

    private final PostgresServer server = PostgresServer.shared();
    private final PostgresDatabase db = new PostgresDatabase();
    private Connection admin;

    @BeforeEach
    void openAdmin() throws SQLException {
        admin = db.admin();
    }

    @AfterEach
    void closeAdmin() throws SQLException {
        admin.close();
    }

    private List<Peer> peers() {
        return List.of(
                new Peer("scopepool", application -> db.builder(application).max(1)
                        .acquireTimeout(Duration.ofSeconds(1)).build()),
                new Peer("HikariCP 7.1.0", application -> {
                    HikariConfig config = new HikariConfig();
                    config.setPoolName(application);
                    config.setJdbcUrl(server.jdbcUrl());
                    config.setUsername(PostgresServer.USER);
                    config.setPassword(PostgresServer.PASSWORD);
                    config.addDataSourceProperty("ApplicationName", application);
                    config.setMaximumPoolSize(1);
                    config.setConnectionTimeout(1000);
                    return new HikariDataSource(config);
                }),
                new Peer("Agroal 3.2.1", application -> AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(pool -> pool.maxSize(1).acquisitionTimeout(Duration.ofSeconds(1))
                                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(server.jdbcUrl())
                                        .principal(new NamePrincipal(PostgresServer.USER))
                                        .credential(new SimplePassword(PostgresServer.PASSWORD))
                                        .jdbcProperty("ApplicationName", application))))));
    }

    /** Row label to scenario, in the table's order. */
    private Map<String, Scenario> scenarios() {
        Map<String, Scenario> rows = new LinkedHashMap<>();
        rows.put("uncommitted insert, then close()", this::uncommittedWork);
        rows.put("setSchema(x), then close(): next borrower's schema", this::schemaLeak);
        rows.put("setTransactionIsolation(SERIALIZABLE), then close(): next borrower's", this::isolationLeak);
        rows.put("result set left open, then close()", this::openResultSet);
        rows.put("session killed (57P01), then close(): next borrower", this::killedSession);
        rows.put("statement_timeout (57014), then close(): next borrower", this::cancelledStatement);
        rows.put("abort(executor): proxy isClosed() at once", this::abortClosesProxy);
        rows.put("abort(executor): pool capacity before the executor runs", this::abortFreesCapacity);
        rows.put("abort(null)", this::abortNull);
        return rows;
    }

    /** What the docs show; scopepool's column is the contract. */
    private static final Map<String, List<String>> DOCUMENTED = documented();

    private static Map<String, List<String>> documented() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("uncommitted insert, then close()", List.of("rolled back", "rolled back", "committed"));
        rows.put("setSchema(x), then close(): next borrower's schema", List.of("public (reset)", "x (leaked)",
                "x (leaked)"));
        rows.put("setTransactionIsolation(SERIALIZABLE), then close(): next borrower's",
                List.of("read committed (reset)", "read committed (reset)", "read committed (reset)"));
        rows.put("result set left open, then close()", List.of("closed", "closed", "closed"));
        rows.put("session killed (57P01), then close(): next borrower",
                List.of("new session", "new session", "lent broken: 08003"));
        rows.put("statement_timeout (57014), then close(): next borrower",
                List.of("same session", "same session", "same session"));
        rows.put("abort(executor): proxy isClosed() at once", List.of("true", "false", "true"));
        rows.put("abort(executor): pool capacity before the executor runs",
                List.of("freed", "held until close()", "freed"));
        rows.put("abort(null)", List.of("SQLException", "SQLException", "SQLException"));
        return rows;
    }

    @Test
    void handBackFatalErrorAndAbortSideBySide() throws Exception {
        List<Peer> peers = peers();
        Map<String, List<String>> measured = new LinkedHashMap<>();
        int sequence = 0;
        for (Map.Entry<String, Scenario> row : scenarios().entrySet()) {
            List<String> cells = new ArrayList<>();
            for (Peer peer : peers) {
                String application = "peer-" + (++sequence);
                DataSource ds = peer.maker().open(application);
                try {
                    cells.add(row.getValue().run(ds, application));
                } catch (Exception e) {
                    cells.add("failed: " + e);
                } finally {
                    ((AutoCloseable) ds).close();
                }
            }
            measured.put(row.getKey(), cells);
        }
        String table = table(peers, measured);
        System.out.println(table);
        try {
            Path out = Path.of("target", "peer-comparison.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
        } catch (IOException e) {
            System.err.println("could not write target/peer-comparison.md: " + e);
        }
        assertEquals(DOCUMENTED, measured, table);
    }

    private static String table(List<Peer> peers, Map<String, List<String>> measured) {
        StringBuilder t = new StringBuilder("| on a PostgreSQL connection | ");
        peers.forEach(p -> t.append(p.name()).append(" | "));
        t.append("\n|---|");
        peers.forEach(p -> t.append("---|"));
        t.append('\n');
        measured.forEach((row, cells) -> t.append("| ").append(row).append(" | ")
                .append(String.join(" | ", cells)).append(" |\n"));
        return t.toString();
    }

    private static void execute(Connection c, String sql) throws SQLException {
        DataSourceContract.execute(c, sql);
    }

    private String uncommittedWork(DataSource ds, String application) throws SQLException {
        String table = "probe_" + application.replace('-', '_');
        execute(admin, "CREATE TABLE " + table + " (id INT)");
        try {
            Connection c = ds.getConnection();
            c.setAutoCommit(false);
            execute(c, "INSERT INTO " + table + " VALUES (1)");
            c.close();
            return DataSourceContract.count(admin, "SELECT count(*) FROM " + table) == 0 ? "rolled back" : "committed";
        } finally {
            execute(admin, "DROP TABLE " + table);
        }
    }

    private String schemaLeak(DataSource ds, String application) throws SQLException {
        execute(admin, "CREATE SCHEMA IF NOT EXISTS x");
        try (Connection c = ds.getConnection()) {
            c.setSchema("x");
        }
        try (Connection c = ds.getConnection()) {
            String schema = db.currentSchema(c);
            return schema + ("public".equals(schema) ? " (reset)" : " (leaked)");
        }
    }

    private String isolationLeak(DataSource ds, String application) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW transaction_isolation")) {
            rs.next();
            String level = rs.getString(1);
            return level + ("read committed".equals(level) ? " (reset)" : " (leaked)");
        }
    }

    private String openResultSet(DataSource ds, String application) throws SQLException {
        Connection c = ds.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT 1");
        c.close();
        return rs.isClosed() ? "closed" : "left open";
    }

    private String killedSession(DataSource ds, String application) throws SQLException {
        long pid;
        try (Connection c = ds.getConnection()) {
            pid = db.sessionId(c);
            db.kill(admin, pid);
            DataSourceContract.useUntilItFails(c);
        }
        try (Connection c = ds.getConnection()) {
            return db.sessionId(c) == pid ? "same (broken) session" : "new session";
        } catch (SQLException e) {
            return "lent broken: " + e.getSQLState();
        }
    }

    private String cancelledStatement(DataSource ds, String application) throws SQLException {
        long pid;
        try (Connection c = ds.getConnection()) {
            pid = db.sessionId(c);
            try {
                db.runUntilCancelled(c);
                return "not cancelled";
            } catch (SQLException expected) {
                // 57014
            }
        }
        try (Connection c = ds.getConnection()) {
            return db.sessionId(c) == pid ? "same session" : "new session";
        }
    }

    private String abortClosesProxy(DataSource ds, String application) throws SQLException {
        Queue<Runnable> executor = new ConcurrentLinkedQueue<>();
        Connection c = ds.getConnection();
        try {
            c.abort(executor::add);
            return String.valueOf(c.isClosed());
        } catch (SQLException e) {
            return "abort or isClosed threw: " + e.getMessage();
        } finally {
            executor.forEach(Runnable::run);
            closeQuietly(c);
        }
    }

    private String abortFreesCapacity(DataSource ds, String application) throws SQLException {
        Queue<Runnable> executor = new ConcurrentLinkedQueue<>();
        Connection c = ds.getConnection();
        try {
            c.abort(executor::add);
            try (Connection next = ds.getConnection()) {
                return next.isValid(1) ? "freed" : "freed, lent a dead connection";
            } catch (SQLException e) {
                return "held until close()";
            }
        } finally {
            executor.forEach(Runnable::run);
            closeQuietly(c);
        }
    }

    /** Some pools throw from close() after an abort; that is not what the row measures. */
    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // measured elsewhere
        }
    }

    private String abortNull(DataSource ds, String application) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.abort(null);
            return "accepted";
        } catch (SQLException e) {
            return "SQLException";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
