// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.System.Logger.Level.DEBUG;

import dev.scopepool.jdbc.ScopepoolDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Creates and closes the data source of one {@code @Pool("x") DataSource} bean, from the
 * settings read at deployment. The only class of this module that links against
 * {@code pool-jdbc}; loaded only when it is on the class path.
 */
final class DataSourceBeanLifecycle {

    private static final System.Logger LOG = System.getLogger(DataSourceBeanLifecycle.class.getName());

    private final String name;
    private final String url;
    private final String username;
    private final String password;
    private final PoolSettingOverrides overrides;

    DataSourceBeanLifecycle(String name, String url, String username, String password,
            PoolSettingOverrides overrides) {
        this.name = name;
        this.url = url;
        this.username = username;
        this.password = password;
        this.overrides = overrides;
    }

    PoolDataSource create() {
        ScopepoolDataSource dataSource = ScopepoolDataSource.builder().name(name).jdbcUrl(url)
                .username(username).password(password)
                .pool(overrides::applyTo)
                .build();
        LOG.log(DEBUG, () -> "Created data source " + name + (overrides.isEmpty() ? "" : " with " + overrides));
        return new Bean(dataSource);
    }

    void destroy(PoolDataSource dataSource) {
        ((Bean) dataSource).dataSource.close();
        LOG.log(DEBUG, () -> "Closed data source " + name);
    }

    /** The bean's instance: the data source, as the client proxy's type. */
    private static final class Bean implements PoolDataSource {

        private final ScopepoolDataSource dataSource;

        Bean(ScopepoolDataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return dataSource.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return dataSource.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            dataSource.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            dataSource.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return dataSource.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return dataSource.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return iface.isInstance(this) ? iface.cast(this) : dataSource.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return iface.isInstance(this) || dataSource.isWrapperFor(iface);
        }

        @Override
        public String toString() {
            return dataSource.toString();
        }
    }
}
