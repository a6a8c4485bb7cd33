// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A JDBC data source behind the {@link Lender} interface: a borrow is {@code getConnection()}, a
 * give-back the connection's {@code close()}.
 *
 * <p>The pools say "timed out" each in their own way (scopepool and HikariCP throw
 * {@code SQLTransientConnectionException}, Agroal and Commons DBCP2 a plain {@code SQLException}),
 * so the clock decides: a {@code getConnection()} that throws after waiting out the timeout is a
 * timeout ({@link #borrow()} returns null); one that throws sooner is a failure, and propagates.
 */
final class DataSourceLender implements Lender {

    /** A pool that counts its wait in whole milliseconds may give up this much before the timeout. */
    private static final long TIMEOUT_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final DataSource dataSource;
    private final long timeoutNanos;

    /** @param timeout the borrow timeout {@code dataSource} was configured with */
    DataSourceLender(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeoutNanos = timeout.toNanos();
    }

    /** @return a connection, or null when {@code getConnection()} gave up after the timeout */
    @Override
    public Object borrow() throws SQLException {
        long asked = System.nanoTime();
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            if (System.nanoTime() - asked >= timeoutNanos - TIMEOUT_SLACK_NANOS) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public void giveBack(Object handle) throws SQLException {
        ((Connection) handle).close();
    }

    @Override
    public void close() throws Exception {
        JdbcPeer.close(dataSource);
    }
}
