// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A driver's connection as the pool holds it, with the state every borrower must find it in:
 * the configured values, else the ones it had when it was opened. A borrower's changes are
 * undone to these values on hand-back.
 *
 * <p>{@code schema} is {@code null} and {@code networkTimeout} is {@code -1} when the driver
 * cannot report them; they are then never reset.
 */
final class PhysicalConnection {

    private static final System.Logger LOG = System.getLogger(PhysicalConnection.class.getName());

    private final Connection connection;
    private final boolean autoCommit;
    private final int transactionIsolation;
    private final boolean readOnly;
    private final String catalog;
    private final String schema;
    private final int networkTimeout;
    /** Set once, by {@code abort}: the destruction then runs there instead of on the pool's thread. */
    private volatile Executor abortExecutor;

    PhysicalConnection(Connection connection, boolean autoCommit, int transactionIsolation, boolean readOnly,
            String catalog, String schema, int networkTimeout) {
        this.connection = connection;
        this.autoCommit = autoCommit;
        this.transactionIsolation = transactionIsolation;
        this.readOnly = readOnly;
        this.catalog = catalog;
        this.schema = schema;
        this.networkTimeout = networkTimeout;
    }

    Connection connection() {
        return connection;
    }

    boolean autoCommit() {
        return autoCommit;
    }

    int transactionIsolation() {
        return transactionIsolation;
    }

    boolean readOnly() {
        return readOnly;
    }

    String catalog() {
        return catalog;
    }

    String schema() {
        return schema;
    }

    int networkTimeout() {
        return networkTimeout;
    }

    /** Makes the coming destruction abort the connection on {@code executor}. */
    void abortOn(Executor executor) {
        this.abortExecutor = executor;
    }

    /**
     * Closes the driver's connection, or, after {@link #abortOn}, hands its abort and close to
     * that executor (the driver's own {@code abort} runs there too, whatever it does). Never
     * throws: the connection is gone from the pool either way.
     */
    void destroy(String pool) {
        Executor executor = abortExecutor;
        if (executor == null) {
            closeNow(pool);
            return;
        }
        Runnable abort = () -> {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException | AbstractMethodError e) {
                LOG.log(DEBUG, () -> "pool '" + pool + "': the driver's abort failed, closing instead", e);
            }
            closeNow(pool);
        };
        try {
            executor.execute(abort);
        } catch (RejectedExecutionException e) {
            LOG.log(WARNING, () -> "pool '" + pool + "': the abort executor refused the connection's abort;"
                    + " closing it on the calling thread", e);
            abort.run();
        }
    }

    /** Closes the driver's connection now, never throwing; closing it again later does nothing. */
    void closeNow(String pool) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.log(DEBUG, () -> "pool '" + pool + "': closing a connection failed", e);
        }
    }
}
