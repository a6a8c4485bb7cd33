// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process H2 database, a new one per instance. H2 reports a session killed under it with
 * its own error codes (90067, 90121), not SQLState class 08; its data sources here set no
 * {@code fatalErrors}, so they show that the hand-back still destroys such a connection (the
 * driver then reports it closed).
 */
final class H2Database implements TestDatabase {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** H2's "general error": its session table can throw it while sessions close concurrently. */
    private static final int GENERAL_ERROR = 50000;
    private static final int ATTEMPTS = 20;

    private final String url = "jdbc:h2:mem:scopepool-" + SEQUENCE.incrementAndGet() + ";DB_CLOSE_DELAY=-1";

    /** Each pool logs in as a user of its own name, so the server can count its sessions. */
    @Override
    public ScopepoolDataSource.Builder builder(String poolName) {
        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS \"" + poolName + "\" PASSWORD 'pw' ADMIN");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ScopepoolDataSource.builder().name(poolName).jdbcUrl(url).username(poolName).password("pw");
    }

    @Override
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    public long sessionId(Connection connection) throws SQLException {
        return queryLong(connection, "SELECT SESSION_ID()");
    }

    @Override
    public int sessions(Connection admin, String poolName) throws SQLException {
        return countSessions(admin, "USER_NAME = UPPER(?)", poolName);
    }

    /** Counts rows of H2's session table. */
    private static int countSessions(Connection admin, String condition, Object value) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (var s = admin.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE " + condition)) {
                s.setObject(1, value);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                // H2 2.3 can fail to list a session that is closing at that moment: ask again.
                if (e.getErrorCode() != GENERAL_ERROR || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public boolean isListed(Connection admin, long id) throws SQLException {
        return countSessions(admin, "SESSION_ID = ?", id) > 0;
    }

    @Override
    public void kill(Connection admin, long id) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("CALL ABORT_SESSION(" + id + ")");
        }
    }

    @Override
    public void runUntilCancelled(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.setQueryTimeout(1);
            s.executeQuery("SELECT MAX(RAND()) FROM SYSTEM_RANGE(1, 100000000000)").close();
        }
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_SCHEMA")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public String identifier(String name) {
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public String[] constraintViolation(String table) {
        return new String[] {"CREATE TABLE " + table + " (id INT PRIMARY KEY)", "INSERT INTO " + table + " VALUES (1)",
                "INSERT INTO " + table + " VALUES (1)"};
    }

    static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public String toString() {
        return "H2";
    }
}
