// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.jdbc.ScopepoolDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scopepool.<name>.jdbc.url} and its companions from MicroProfile Config define an
 * application-scoped {@code @Pool("<name>") DataSource}, on H2 in process.
 */
class DataSourceBeanTest {

    @ApplicationScoped
    public static class OrderRepository {
        @Inject @Pool("orders-ds") DataSource dataSource;

        DataSource dataSource() {
            return dataSource;
        }

        int answer() throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 42")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @ApplicationScoped
    public static class UnconfiguredRepository {
        @Inject @Pool("no-url-ds") DataSource dataSource;
    }

    @BeforeEach
    @AfterEach
    void clearProperties() {
        TestConfigSource.clear();
    }

    @Test
    void aConfiguredUrlDefinesAnApplicationScopedDataSourceClosedAtShutdown() throws SQLException {
        TestConfigSource.set("scopepool.orders-ds.jdbc.url", "jdbc:h2:mem:cdi-orders;DB_CLOSE_DELAY=-1");
        TestConfigSource.set("scopepool.orders-ds.jdbc.username", "sa");
        TestConfigSource.set("scopepool.orders-ds.jdbc.password", "");
        TestConfigSource.set("scopepool.orders-ds.max", "3");
        TestConfigSource.set("scopepool.orders-ds.acquire-timeout", "2s");
        ScopepoolDataSource dataSource;
        try (SeContainer container = Containers.start(OrderRepository.class)) {
            OrderRepository repository = container.select(OrderRepository.class).get();
            assertEquals(42, repository.answer());
            dataSource = repository.dataSource().unwrap(ScopepoolDataSource.class);
            assertEquals("orders-ds", dataSource.name());
            assertEquals(3, dataSource.pool().config().max());
            assertEquals(Duration.ofSeconds(2), dataSource.pool().config().acquireTimeout());
            DataSource looked = container.select(DataSource.class, Pool.Literal.of("orders-ds")).get();
            assertTrue(looked.unwrap(ScopepoolDataSource.class) == dataSource, "one instance per application");
            assertFalse(dataSource.isClosed());
            Containers.assertMBeanRegistered("orders-ds");
        }
        assertTrue(dataSource.isClosed(), "closed when the container shut down");
        Containers.assertMBeanGone("orders-ds");
    }

    @Test
    void configurationAloneDefinesTheBean() throws SQLException {
        TestConfigSource.set("scopepool.only-config-ds.jdbc.url", "jdbc:h2:mem:cdi-config;DB_CLOSE_DELAY=-1");
        try (SeContainer container = Containers.start()) {
            DataSource ds = container.select(DataSource.class, Pool.Literal.of("only-config-ds")).get();
            try (Connection c = ds.getConnection()) {
                assertTrue(c.isValid(1));
            }
        }
    }

    @Test
    void anInjectedDataSourceWithoutAUrlFailsDeploymentNamingTheProperty() {
        String failure = Containers.deploymentFailure(UnconfiguredRepository.class);
        assertTrue(failure.contains("scopepool.no-url-ds.jdbc.url"), failure);
    }

    @Test
    void aBadPoolValueFailsDeploymentNamingTheProperty() {
        TestConfigSource.set("scopepool.bad-max-ds.jdbc.url", "jdbc:h2:mem:cdi-bad;DB_CLOSE_DELAY=-1");
        TestConfigSource.set("scopepool.bad-max-ds.max", "zero");
        String failure = Containers.deploymentFailure(Containers.initializer());
        assertTrue(failure.contains("scopepool.bad-max-ds.max"), failure);
    }
}
