// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo's database: an in-process H2 database with an {@code orders} table, which the
 * database pool's connections query for real. It keeps a connection of its own, as a DBA's
 * session would, to kill the pool's sessions when the demo's failure switch says so; the
 * database lives as long as that connection and the pool's. Thread-safe.
 */
public final class DemoDatabase implements AutoCloseable {

    /** How many orders the table holds. */
    public static final int ORDERS = 1_000;
    private static final String URL = "jdbc:h2:mem:scopepool-demo-orders";

    private Connection admin;

    /**
     * Opens the database (or joins it, if this JVM has it open already) and fills its table.
     *
     * @throws IllegalStateException if H2 cannot open it
     */
    public DemoDatabase() {
        try {
            admin = DriverManager.getConnection(URL, "sa", "");
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, customer VARCHAR(40),"
                        + " total DECIMAL(10, 2))");
                s.execute("MERGE INTO orders SELECT x, 'customer-' || MOD(x, 37), x * 1.25"
                        + " FROM SYSTEM_RANGE(1, " + ORDERS + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not open the demo database " + URL + ": " + e.getMessage(), e);
        }
    }

    /** Closes its own session; the database goes when the pool's sessions are closed too. */
    @Override
    public synchronized void close() {
        try {
            admin.close();
        } catch (SQLException e) {
            System.getLogger(DemoDatabase.class.getName()).log(System.Logger.Level.DEBUG, "closing the demo database", e);
        }
    }

    /** @return a new session of the demo database */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "sa", "");
    }

    /** Ends session {@code sessionId} from the database's side, as an administrator would. */
    synchronized void kill(int sessionId) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute("CALL ABORT_SESSION(" + sessionId + ")");
        }
    }
}
