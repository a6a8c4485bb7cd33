// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scopepool.jdbc.ScopepoolDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalConnectionFactoryConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The data sources the JDBC benchmarks compare, each built here once and configured alike:
 * {@code max} connections of the caller's {@link JdbcTarget}, all opened before measuring and
 * kept (min = max, no idle retirement while measuring), auto-commit on (set explicitly in all
 * four, though it is each one's default), the caller's borrow timeout, no validation of a
 * connection used within the last 500 ms (so under a benchmark's steady load no borrow pays a
 * validation round trip in any of them), no leak detection, no JMX. Where a pool's defaults
 * differ from that, the setting is named below.
 */
public enum JdbcPeer {

    /** {@link ScopepoolDataSource}: validates only connections idle over 500 ms (its default), JMX off. */
    SCOPEPOOL("scopepool") {
        @Override
        DataSource open(JdbcTarget target, int max, Duration timeout) {
            ScopepoolDataSource.Builder builder = ScopepoolDataSource.builder().name("bench")
                    .jdbcUrl(target.url()).min(max).max(max).autoCommit(true)
                    .acquireTimeout(timeout).pool(p -> p.jmx(false));
            if (target.user() != null) {
                builder.username(target.user()).password(target.password());
            }
            return builder.build();
        }
    },
    /** HikariCP: validates only connections idle over 500 ms (its fixed bypass window); no MBeans (its default). */
    HIKARICP("HikariCP") {
        @Override
        DataSource open(JdbcTarget target, int max, Duration timeout) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("bench");
            config.setDriverClassName(target.driverClassName());
            config.setJdbcUrl(target.url());
            config.setUsername(target.user());
            config.setPassword(target.password());
            config.setMinimumIdle(max);
            config.setMaximumPoolSize(max);
            config.setAutoCommit(true);
            config.setConnectionTimeout(timeout.toMillis());
            return new HikariDataSource(config);
        }
    },
    /**
     * Agroal: no validation on acquire (its default). No {@code initialSize}: with it, on JDK 25,
     * borrowing while its initial fill ran waited out the whole 30 s acquisition timeout in our
     * runs; the borrows of {@link #openFull} open the connections instead.
     */
    AGROAL("Agroal") {
        @Override
        DataSource open(JdbcTarget target, int max, Duration timeout) {
            try {
                return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(pool -> pool.minSize(max).maxSize(max)
                                .acquisitionTimeout(timeout)
                                .connectionFactoryConfiguration(factory -> login(factory, target)
                                        .jdbcUrl(target.url()).autoCommit(true)
                                        .connectionProviderClassName(target.driverClassName()))));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static AgroalConnectionFactoryConfigurationSupplier login(
                AgroalConnectionFactoryConfigurationSupplier factory, JdbcTarget target) {
            return target.user() == null ? factory : factory.principal(new NamePrincipal(target.user()))
                    .credential(new SimplePassword(target.password()));
        }
    },
    /** Commons DBCP2: testOnBorrow off (its default validates every borrow), no JMX name (its default). */
    DBCP2("Commons DBCP2") {
        @Override
        DataSource open(JdbcTarget target, int max, Duration timeout) {
            BasicDataSource ds = new BasicDataSource();
            ds.setDriverClassName(target.driverClassName());
            ds.setUrl(target.url());
            ds.setUsername(target.user());
            ds.setPassword(target.password());
            ds.setInitialSize(max);
            ds.setMinIdle(max);
            ds.setMaxIdle(max);
            ds.setMaxTotal(max);
            ds.setDefaultAutoCommit(true);
            ds.setMaxWait(timeout);
            ds.setTestOnBorrow(false);
            return ds;
        }
    };

    /** The JDBC cycles' borrow timeout: far longer than any hand-off, so it never fires. */
    private static final Duration CYCLE_TIMEOUT = Duration.ofSeconds(30);

    public final String label;

    JdbcPeer(String label) {
        this.label = label;
    }

    /** @return a data source of this pool, built as the class comment says, not yet filled */
    abstract DataSource open(JdbcTarget target, int max, Duration timeout);

    /** @return a data source of the stub driver with {@code max} connections open and a 30 s borrow timeout */
    DataSource openFull(int max) throws SQLException {
        return openFull(JdbcTarget.STUB, max, CYCLE_TIMEOUT);
    }

    /**
     * @param timeout how long {@code getConnection()} may wait for a connection
     * @return the data source with {@code max} connections of {@code target} open: each borrowed
     *     at once, then all closed
     */
    public DataSource openFull(JdbcTarget target, int max, Duration timeout) throws SQLException {
        loadDriver(target);
        DataSource ds = open(target, max, timeout);
        try {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < max; i++) {
                    held.add(ds.getConnection());
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(ds, e);
            throw e;
        }
        return ds;
    }

    /**
     * Loads the target's driver class, which registers it with {@code DriverManager}, for the
     * pools that look a URL up there (scopepool).
     */
    private static void loadDriver(JdbcTarget target) {
        try {
            Class.forName(target.driverClassName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no JDBC driver " + target.driverClassName() + " on the class path", e);
        }
    }

    public static void close(DataSource ds) throws Exception {
        if (ds instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static void closeQuietly(DataSource ds, Exception failure) {
        try {
            close(ds);
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    public static JdbcPeer of(String name) {
        return valueOf(name);
    }
}
