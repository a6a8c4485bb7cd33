// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the hand-back says to the driver, seen through a driver connection that records every
 * call: only what the borrower changed is reset, rollback comes before auto-commit, and a
 * failure while cleaning up destroys the connection.
 */
class HandBackTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile String failOn;
    private ScopepoolDataSource ds;

    @BeforeEach
    void open() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:hand-back;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        ds = ScopepoolDataSource.builder().name("hand-back").max(1).dataSource(recording(h2)).build();
    }

    @AfterEach
    void close() {
        ds.close();
    }

    /** @return the calls the hand-back of one loan made, after {@code borrow} used it */
    private List<String> handBackOf(Borrower borrow) throws SQLException {
        Connection c = ds.getConnection();
        borrow.use(c);
        calls.clear();
        c.close();
        return List.copyOf(calls);
    }

    @FunctionalInterface
    private interface Borrower {
        void use(Connection c) throws SQLException;
    }

    @Test
    void aBorrowerWhoChangedNothingCostsNoResetCall() throws SQLException {
        assertEquals(List.of("clearWarnings"), handBackOf(c -> DataSourceContract.count(c, "SELECT 1")));
    }

    @Test
    void aValueSetBackToThePoolsIsNotResetAgain() throws SQLException {
        assertEquals(List.of("clearWarnings"), handBackOf(c -> {
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
        assertEquals(List.of("rollback", "setAutoCommit", "setReadOnly", "clearWarnings"), handBack);
    }

    @Test
    void aFailureWhileCleaningUpDestroysTheConnection() throws SQLException {
        failOn = "rollback";
        handBackOf(c -> c.setAutoCommit(false));
        failOn = null;
        assertEquals(1, ds.pool().stats().invalidated());
        assertEquals(0, ds.pool().stats().released());
        try (Connection c = ds.getConnection()) {
            assertTrue(c.getAutoCommit(), "a fresh connection");
        }
    }

    private DataSource recording(JdbcDataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                calls.add(m.getName());
                                if (m.getName().equals(failOn)) {
                                    throw new SQLException("injected failure of " + failOn, "HY000");
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
