// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The shared {@link PostgresServer}. Each pool's sessions carry the pool's name as their
 * {@code application_name}, so {@code pg_stat_activity} counts exactly that pool's sessions.
 */
final class PostgresDatabase implements TestDatabase {

    private final PostgresServer server = PostgresServer.shared();

    @Override
    public ScopepoolDataSource.Builder builder(String poolName) {
        return ScopepoolDataSource.builder().name(poolName).jdbcUrl(server.jdbcUrl())
                .username(PostgresServer.USER).password(PostgresServer.PASSWORD)
                .property("ApplicationName", poolName);
    }

    @Override
    public Connection admin() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl() + "?ApplicationName=scopepool-admin",
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Override
    public long sessionId(Connection connection) throws SQLException {
        return H2Database.queryLong(connection, "SELECT pg_backend_pid()");
    }

    @Override
    public int sessions(Connection admin, String poolName) throws SQLException {
        try (PreparedStatement s = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, poolName);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public boolean isListed(Connection admin, long id) throws SQLException {
        return H2Database.queryLong(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + id) > 0;
    }

    @Override
    public void kill(Connection admin, long id) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + id + ")");
        }
    }

    @Override
    public void runUntilCancelled(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET statement_timeout = 50");
            try {
                s.execute("SELECT pg_sleep(30)");
            } finally {
                s.execute("SET statement_timeout = 0");
            }
        }
    }

    @Override
    public String currentSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public String identifier(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String[] constraintViolation(String table) {
        return new String[] {"CREATE TABLE " + table + " (id INT PRIMARY KEY)", "INSERT INTO " + table + " VALUES (1)",
                "INSERT INTO " + table + " VALUES (1)"};
    }

    @Override
    public String toString() {
        return "PostgreSQL";
    }
}
