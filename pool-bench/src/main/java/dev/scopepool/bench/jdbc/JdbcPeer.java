// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.scopepool.jdbc.ScopepoolDataSource;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The data sources the JDBC cycles compare, each built here once and configured alike: {@code max}
 * connections of the stub driver, all opened before measuring and kept (min = max, no idle
 * retirement while measuring), auto-commit on, a 30 s borrow timeout that never fires, no
 * validation of a connection used moments ago, no leak detection, no JMX. Where a pool's defaults
 * differ from that, the setting is named below.
 */
public enum JdbcPeer {

    /** {@link ScopepoolDataSource}: validates only connections idle over 500 ms (its default), JMX off. */
    SCOPEPOOL("scopepool") {
        @Override
        DataSource open(int max) {
            StubDriver.register();
            return ScopepoolDataSource.builder().name("bench").jdbcUrl(StubDriver.URL).min(max).max(max)
                    .acquireTimeout(TIMEOUT).pool(p -> p.jmx(false)).build();
        }
    },
    /** HikariCP: validates only connections idle over 500 ms (its fixed bypass window); no MBeans (its default). */
    HIKARICP("HikariCP") {
        @Override
        DataSource open(int max) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("bench");
            config.setDriverClassName(StubDriver.class.getName());
            config.setJdbcUrl(StubDriver.URL);
            config.setMinimumIdle(max);
            config.setMaximumPoolSize(max);
            config.setConnectionTimeout(TIMEOUT.toMillis());
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
        DataSource open(int max) {
            try {
                return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(pool -> pool.minSize(max).maxSize(max)
                                .acquisitionTimeout(TIMEOUT)
                                .connectionFactoryConfiguration(factory -> factory.jdbcUrl(StubDriver.URL)
                                        .connectionProviderClass(StubDriver.class))));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    },
    /** Commons DBCP2: testOnBorrow off (its default validates every borrow), no JMX name (its default). */
    DBCP2("Commons DBCP2") {
        @Override
        DataSource open(int max) {
            BasicDataSource ds = new BasicDataSource();
            ds.setDriver(new StubDriver());
            ds.setUrl(StubDriver.URL);
            ds.setInitialSize(max);
            ds.setMinIdle(max);
            ds.setMaxIdle(max);
            ds.setMaxTotal(max);
            ds.setMaxWait(TIMEOUT);
            ds.setTestOnBorrow(false);
            return ds;
        }
    };

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public final String label;

    JdbcPeer(String label) {
        this.label = label;
    }

    /** @return a data source of this pool, built as the class comment says, not yet filled */
    abstract DataSource open(int max);

    /** @return the data source with {@code max} connections open: each borrowed at once, then all closed */
    DataSource openFull(int max) throws SQLException {
        DataSource ds = open(max);
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            held.add(ds.getConnection());
        }
        for (Connection c : held) {
            c.close();
        }
        return ds;
    }

    static void close(DataSource ds) throws Exception {
        if (ds instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    public static JdbcPeer of(String name) {
        return valueOf(name);
    }
}
