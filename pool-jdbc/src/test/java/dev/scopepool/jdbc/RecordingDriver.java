// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A driver's {@code DataSource} over an in-process H2 database whose connections record every
 * call made on them, and can be told to fail or ignore some: to see what the data source says
 * to a driver, and how it copes with a broken one.
 */
final class RecordingDriver {

    /** Every call on every connection, by method name, in order. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Methods that throw {@code SQLException} instead of reaching H2. */
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    /** Methods that do nothing instead of reaching H2. */
    final Set<String> ignored = ConcurrentHashMap.newKeySet();
    private final JdbcDataSource h2 = new JdbcDataSource();

    RecordingDriver(String database) {
        h2.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
    }

    /** @return a direct connection to the same database, for checks outside every pool */
    Connection direct() throws SQLException {
        return h2.getConnection();
    }

    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(h2, method, args);
                    return result instanceof Connection connection ? recording(connection) : result;
                });
    }

    private Connection recording(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (failing.contains(method.getName())) {
                        throw new SQLException("driver cannot " + method.getName(), "HY000");
                    }
                    if (ignored.contains(method.getName())) {
                        return null;
                    }
                    return invoke(connection, method, args);
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
