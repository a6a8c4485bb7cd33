// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

/** A fake database connection: queries take the pool's latency and fail at its rate. */
public final class SimulatedConnection extends SimulatedResource {

    /**
     * Opens a connection.
     *
     * @param behaviour the pool's knobs
     * @throws InterruptedException if interrupted while connecting
     * @throws SimulatedFailureException if the connection is refused
     */
    public SimulatedConnection(DemoBehaviour behaviour) throws InterruptedException {
        super(behaviour);
    }

    /**
     * @param sql the statement; only echoed back
     * @return a pretend row count
     * @throws InterruptedException if interrupted while querying
     * @throws SimulatedFailureException if the query fails; the connection is then broken
     */
    public int query(String sql) throws InterruptedException {
        perform("query '" + sql + "'");
        return sql.length();
    }

    @Override
    protected String kind() {
        return "connection";
    }
}
