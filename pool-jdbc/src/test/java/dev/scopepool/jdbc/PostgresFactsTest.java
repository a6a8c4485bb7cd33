// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only PostgreSQL can show: its own words for isolation, and its own error codes. */
@ExtendWith(PostgresSupport.class)
class PostgresFactsTest {

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

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theServerSeesTheBorrowersIsolationUndone() throws SQLException {
        try (ScopepoolDataSource ds = db.builder("pg-isolation").max(1).build()) {
            try (Connection c = ds.getConnection()) {
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                assertEquals("serializable", show(c, "transaction_isolation"));
            }
            try (Connection c = ds.getConnection()) {
                assertEquals("read committed", show(c, "transaction_isolation"));
            }
        }
    }

    @Test
    void aNetworkTimeoutSetByTheBorrowerIsUndone() throws SQLException {
        try (ScopepoolDataSource ds = db.builder("pg-network-timeout").max(1).build()) {
            int initial;
            try (Connection c = ds.getConnection()) {
                initial = c.getNetworkTimeout();
                c.setNetworkTimeout(Runnable::run, initial + 12_345);
                assertEquals(initial + 12_345, c.getNetworkTimeout());
            }
            try (Connection c = ds.getConnection()) {
                assertEquals(initial, c.getNetworkTimeout());
            }
        }
    }

    @Test
    void unwrapReachesTheDriversConnectionAndStatement() throws SQLException {
        try (ScopepoolDataSource ds = db.builder("pg-unwrap").build(); Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            assertTrue(c.isWrapperFor(PGConnection.class));
            PGConnection driver = c.unwrap(PGConnection.class);
            assertTrue(driver != (Object) c && driver.getBackendPID() == db.sessionId(c));
            assertTrue(s.isWrapperFor(PGStatement.class));
            assertTrue(s.unwrap(PGStatement.class) != (Object) s);
            assertTrue(c.unwrap(Connection.class) == c, "the proxy answers for its own interface");
        }
    }

    @Test
    void aSearchPathSetByTheBorrowerIsNotSeenByTheNext() throws SQLException {
        DataSourceContract.execute(admin, "CREATE SCHEMA IF NOT EXISTS borrower_in_pg");
        try (ScopepoolDataSource ds = db.builder("pg-schema").max(1).build()) {
            long pid;
            try (Connection c = ds.getConnection()) {
                pid = db.sessionId(c);
                c.setSchema("borrower_in_pg");
                assertEquals("borrower_in_pg", db.currentSchema(c));
            }
            try (Connection c = ds.getConnection()) {
                assertEquals(pid, db.sessionId(c), "pg_backend_pid(): the same session");
                assertEquals("public", db.currentSchema(c));
            }
        }
    }

    @Test
    void terminateBackendIs57P01AndBreaksButStatementTimeoutIs57014AndDoesNot() throws Exception {
        try (ScopepoolDataSource ds = db.builder("pg-errors").max(1).build()) {
            long pid;
            try (Connection c = ds.getConnection()) {
                pid = db.sessionId(c);
                SQLException cancelled = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                        () -> db.runUntilCancelled(c));
                assertEquals("57014", cancelled.getSQLState());
            }
            assertEquals(0, ds.pool().stats().invalidated());
            try (Connection c = ds.getConnection()) {
                assertEquals(pid, db.sessionId(c));
                db.kill(admin, pid);
                SQLException terminated = DataSourceContract.useUntilItFails(c);
                assertTrue(Set.of("57P01", "08006", "08003").contains(terminated.getSQLState()),
                        terminated::toString);
            }
            assertEquals(1, ds.pool().stats().invalidated());
            try (Connection c = ds.getConnection()) {
                assertNotEquals(pid, db.sessionId(c));
            }
        }
    }

    @Test
    void connectionsKilledByARestartAreNeverLent() throws Exception {
        try (ScopepoolDataSource ds = db.builder("pg-restart").min(3).max(3).checkOnAcquire(Duration.ZERO)
                .build()) {
            Eventually.await(DataSourceContract.WAIT, "min connections open",
                    () -> db.sessions(admin, "pg-restart") == 3);
            DataSourceContract.execute(admin,
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pg-restart'");
            Eventually.await(DataSourceContract.WAIT, "the server ended them",
                    () -> db.sessions(admin, "pg-restart") == 0);
            Set<Long> pids = new HashSet<>();
            Connection[] held = new Connection[3];
            for (int i = 0; i < 3; i++) {
                held[i] = ds.getConnection();
                assertEquals(1, DataSourceContract.count(held[i], "SELECT 1"), "every lent connection works");
                pids.add(db.sessionId(held[i]));
            }
            for (Connection c : held) {
                c.close();
            }
            assertEquals(3, pids.size());
            assertEquals(0, ds.pool().stats().invalidated(), "none was lent broken");
        }
    }
}
