// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real connection to the {@link DemoDatabase}, as the database pool holds it. Queries run real
 * SQL after the pool's simulated network latency. When the demo's failure switch fires, the
 * database kills this session for real, so the query fails with the driver's own error and the
 * connection is broken, as one killed by a DBA or a restart would be.
 */
public final class DatabaseConnection extends SimulatedResource {

    private final DemoDatabase database;
    private final Connection connection;
    private final int sessionId;

    /**
     * Opens a session (after the simulated latency; refused at the failure rate).
     *
     * @param behaviour the pool's knobs
     * @param database the database to connect to
     * @throws InterruptedException if interrupted while connecting
     * @throws SimulatedFailureException if the connection is refused
     * @throws SQLException if the database refuses the session
     */
    public DatabaseConnection(DemoBehaviour behaviour, DemoDatabase database) throws InterruptedException, SQLException {
        super(behaviour);
        this.database = database;
        this.connection = database.connect();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            this.sessionId = rs.getInt(1);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Looks up one random order.
     *
     * @return the order's total, in cents
     * @throws InterruptedException if interrupted while querying
     * @throws SimulatedFailureException if the query fails; the connection is then broken
     */
    public long queryRandomOrder() throws InterruptedException {
        try {
            perform("query");
        } catch (SimulatedFailureException e) {
            killSession();   // the query below then fails as a killed session does
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT total FROM orders WHERE id = ?")) {
            ps.setInt(1, 1 + ThreadLocalRandom.current().nextInt(DemoDatabase.ORDERS));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1).movePointRight(2).longValueExact() : 0;
            }
        } catch (SQLException e) {
            throw new SimulatedFailureException("query failed on " + this + ": " + e.getMessage());
        }
    }

    private void killSession() {
        try {
            database.kill(sessionId);
        } catch (SQLException e) {
            System.getLogger(DatabaseConnection.class.getName()).log(System.Logger.Level.DEBUG,
                    "could not kill " + this, e);
        }
    }

    /** Healthy while the simulated checks pass and the database still answers {@code isValid}. */
    @Override
    public boolean isHealthy() {
        try {
            return super.isHealthy() && connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        super.close();
        try {
            connection.close();
        } catch (SQLException e) {
            System.getLogger(DatabaseConnection.class.getName()).log(System.Logger.Level.DEBUG,
                    "closing " + this, e);
        }
    }

    @Override
    protected String kind() {
        return "db-session";
    }
}
