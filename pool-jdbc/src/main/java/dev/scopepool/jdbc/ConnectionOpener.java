// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Opens the pool's physical connections, from a driver and URL or from a driver's
 * {@link DataSource}, and puts each into the pool's state: the configured
 * {@code autoCommit}, isolation, read-only flag, catalog and schema, then the init SQL.
 * What was not configured is read from the new connection and becomes the value every
 * borrower finds. It remembers the last failure, so an acquire that times out while
 * creations fail can say why.
 */
final class ConnectionOpener {

    /** The configured connection state; {@code null} fields: keep what the driver gives. */
    record InitialState(Boolean autoCommit, Integer transactionIsolation, Boolean readOnly, String catalog,
            String schema, String initSql) { }

    private final Supplier<String> poolName;
    private final Driver driver;
    private final String jdbcUrl;
    private final Properties properties;
    private final DataSource dataSource;
    private final String username;
    private final String password;
    private final InitialState initial;
    private final PhysicalConnections physicals;
    private volatile SQLException lastFailure;

    ConnectionOpener(Supplier<String> poolName, Driver driver, String jdbcUrl, Properties properties, DataSource dataSource,
            String username, String password, InitialState initial, PhysicalConnections physicals) {
        this.poolName = poolName;
        this.driver = driver;
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.dataSource = dataSource;
        this.username = username;
        this.password = password;
        this.initial = initial;
        this.physicals = physicals;
    }

    /** The pool's {@code create}: a prepared connection, registered in {@code physicals}. */
    Connection open() throws SQLException {
        try {
            Connection connection = connect();
            try {
                physicals.add(prepare(connection));
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.close();
                } catch (SQLException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            lastFailure = null;
            return connection;
        } catch (SQLException e) {
            lastFailure = e;
            throw e;
        }
    }

    /** @return the driver's error from the last failed creation, {@code null} after a success */
    SQLException lastFailure() {
        return lastFailure;
    }

    private Connection connect() throws SQLException {
        Connection connection;
        if (dataSource != null) {
            connection = username != null ? dataSource.getConnection(username, password) : dataSource.getConnection();
        } else {
            connection = driver.connect(jdbcUrl, properties);
        }
        if (connection == null) {
            throw new SQLException("pool '" + poolName.get() + "': the driver returned no connection for jdbcUrl "
                    + jdbcUrl, "08001");
        }
        return connection;
    }

    /**
     * Configured values first, then the init SQL (committed), then the state is recorded; the
     * auto-commit mode is set last and any transaction the reads began is rolled back, so the
     * first borrower finds no transaction open.
     */
    private PhysicalConnection prepare(Connection c) throws SQLException {
        if (initial.transactionIsolation() != null && c.getTransactionIsolation() != initial.transactionIsolation()) {
            c.setTransactionIsolation(initial.transactionIsolation());
        }
        if (initial.readOnly() != null && c.isReadOnly() != initial.readOnly()) {
            c.setReadOnly(initial.readOnly());
        }
        if (initial.catalog() != null) {
            c.setCatalog(initial.catalog());
        }
        if (initial.schema() != null) {
            c.setSchema(initial.schema());
        }
        if (initial.initSql() != null) {
            try (Statement statement = c.createStatement()) {
                statement.execute(initial.initSql());
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        int isolation = c.getTransactionIsolation();
        boolean readOnly = c.isReadOnly();
        String catalog = c.getCatalog();
        String schema = schemaOf(c);
        int networkTimeout = networkTimeoutOf(c);
        if (initial.autoCommit() != null && c.getAutoCommit() != initial.autoCommit()) {
            c.setAutoCommit(initial.autoCommit());
        }
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            c.rollback();
        }
        return new PhysicalConnection(c, autoCommit, isolation, readOnly, catalog, schema, networkTimeout);
    }

    private static String schemaOf(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;   // a driver older than JDBC 4.1: the schema is never reset
        }
    }

    private static int networkTimeoutOf(Connection c) {
        try {
            return c.getNetworkTimeout();
        } catch (SQLException | AbstractMethodError e) {
            return -1;   // not supported: the network timeout is never reset
        }
    }
}
