// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolOverloadedException;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceCreationException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Turns what the pool throws from {@code acquire} into what JDBC callers expect:
 * <ul>
 *   <li>no connection in time, too many waiters, or the pool down after failed creations:
 *       {@link SQLTransientConnectionException} naming the pool and the wait, the pool's
 *       exception as cause and, when creations were failing, the driver's last error on the
 *       cause chain (and its SQLState);</li>
 *   <li>this caller's own creation refused by the driver: an {@link SQLException} with the
 *       driver's SQLState, vendor code and message;</li>
 *   <li>the pool closed: {@code 08003}.</li>
 * </ul>
 */
final class AcquireErrors {

    private AcquireErrors() {
    }

    static SQLException translate(String pool, Duration wait, PoolStats stats, RuntimeException error,
            SQLException lastDriverFailure, String lastValidationFailure) {
        if (error instanceof PoolClosedException) {
            return new SQLException("data source '" + pool + "' is closed", "08003", error);
        }
        if (error instanceof ResourceCreationException && !stats.down()
                && error.getCause() instanceof SQLException refused) {
            return new SQLException("pool '" + pool + "' could not open a connection: " + refused.getMessage(),
                    refused.getSQLState(), refused.getErrorCode(), refused);
        }
        String why;
        if (error instanceof AcquireTimeoutException) {
            why = "no connection available within " + wait.toMillis() + " ms";
        } else if (error instanceof PoolOverloadedException) {
            why = "too many callers already waiting for a connection (waited 0 ms)";
        } else if (error instanceof ResourceCreationException && stats.down()) {
            why = "the database is unreachable: connections keep failing, so the pool fails fast (waited 0 ms)";
        } else {
            why = "no connection within " + wait.toMillis() + " ms";
        }
        SQLException driverError = lastDriverFailure;
        if (driverError != null && error.getCause() == null) {
            try {
                error.initCause(driverError);
            } catch (IllegalStateException alreadySet) {
                // the pool's exception was made with a cause of its own; keep it
            }
        }
        String message = "pool '" + pool + "': " + why + " (total=" + stats.total() + ", in use=" + stats.inUse()
                + ", waiting=" + stats.waiting() + ")"
                + (driverError != null ? "; last connection failure: " + driverError.getMessage() : "")
                + (lastValidationFailure != null ? "; last " + lastValidationFailure : "");
        return new SQLTransientConnectionException(message,
                driverError != null ? driverError.getSQLState() : null, error);
    }

    static SQLException interrupted(String pool, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SQLException("interrupted while waiting for a connection from pool '" + pool + "'", "HY008", e);
    }
}
