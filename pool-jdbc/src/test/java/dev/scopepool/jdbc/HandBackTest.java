// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the hand-back says to the driver, seen through a driver connection that records every
 * call: only what the borrower changed is reset, rollback comes before auto-commit, and a
 * failure while cleaning up destroys the connection.
 */
class HandBackTest {

    private final RecordingDriver driver = new RecordingDriver("hand-back");
    private ScopepoolDataSource ds;

    @BeforeEach
    void open() {
        ds = ScopepoolDataSource.builder().name("hand-back").max(1).dataSource(driver.dataSource()).build();
    }

    @AfterEach
    void close() {
        ds.close();
    }

    /** @return the calls the hand-back of one loan made, after {@code borrow} used it */
    private List<String> handBackOf(Borrower borrow) throws SQLException {
        Connection c = ds.getConnection();
        borrow.use(c);
        driver.calls.clear();
        c.close();
        return List.copyOf(driver.calls);
    }

    @FunctionalInterface
    private interface Borrower {
        void use(Connection c) throws SQLException;
    }

    @Test
    void aBorrowerWhoChangedNothingCostsNoResetCall() throws SQLException {
        assertEquals(List.of("isClosed", "clearWarnings"), handBackOf(c -> DataSourceContract.count(c, "SELECT 1")));
    }

    @Test
    void aValueSetBackToThePoolsIsNotResetAgain() throws SQLException {
        assertEquals(List.of("isClosed", "clearWarnings"), handBackOf(c -> {
            c.setReadOnly(true);
            c.setReadOnly(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);   // H2's default, the pool's value
        }));
    }

    @Test
    void rollbackComesBeforeAutoCommitIsRestored() throws SQLException {
        List<String> handBack = handBackOf(c -> {
            c.setAutoCommit(false);
            c.setReadOnly(true);
        });
        assertEquals(List.of("isClosed", "rollback", "setAutoCommit", "setReadOnly", "clearWarnings"), handBack);
    }

    @Test
    void abortClosesTheConnectionOnTheExecutorEvenWhenTheDriversAbortDoesNothing() throws SQLException {
        driver.ignored.add("abort");
        Queue<Runnable> executor = new ConcurrentLinkedQueue<>();
        Connection c = ds.getConnection();
        driver.calls.clear();
        c.abort(executor::add);
        assertEquals(List.of(), driver.calls, "nothing reaches the driver on the caller's thread");
        assertEquals(1, ds.pool().stats().invalidated());
        executor.forEach(Runnable::run);
        assertEquals(List.of("abort", "close"), driver.calls);
    }

    @Test
    void aFailureWhileCleaningUpDestroysTheConnection() throws SQLException {
        driver.failing.add("rollback");
        handBackOf(c -> c.setAutoCommit(false));
        driver.failing.clear();
        assertEquals(1, ds.pool().stats().invalidated());
        assertEquals(0, ds.pool().stats().released());
        try (Connection c = ds.getConnection()) {
            assertTrue(c.getAutoCommit(), "a fresh connection");
        }
    }
}
