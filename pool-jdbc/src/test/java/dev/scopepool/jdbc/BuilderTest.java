// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class BuilderTest {

    private static final String URL = "jdbc:h2:mem:builder;DB_CLOSE_DELAY=-1";

    private static IllegalArgumentException refused(UnaryOperator<ScopepoolDataSource.Builder> change) {
        return assertThrows(IllegalArgumentException.class,
                () -> change.apply(ScopepoolDataSource.builder().name("bad-config").jdbcUrl(URL)).build());
    }

    private static void assertNames(IllegalArgumentException e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), "'" + word + "' in: " + e.getMessage());
        }
    }

    @Test
    void badValuesAreRefusedNamingTheFieldTheValueAndThePool() {
        assertNames(refused(b -> b.max(0)), "bad-config", "max", "0");
        assertNames(refused(b -> b.min(-1)), "bad-config", "min", "-1");
        assertNames(refused(b -> b.min(11)), "min", "11");
        assertNames(refused(b -> b.acquireTimeout(Duration.ofSeconds(-1))), "acquireTimeout", "PT-1S");
        assertNames(refused(b -> b.acquireTimeout(null)), "acquireTimeout", "null");
        assertNames(refused(b -> b.maxLifetime(Duration.ofSeconds(-1))), "maxLifetime");
        assertNames(refused(b -> b.idleTimeout(Duration.ofSeconds(-1))), "idleTimeout");
        assertNames(refused(b -> b.maxUses(-1)), "maxUses", "-1");
        assertNames(refused(b -> b.checkOnAcquire(Duration.ofMillis(-1))), "checkOnAcquire");
        assertNames(refused(b -> b.validationTimeout(Duration.ZERO)), "validationTimeout", "PT0S");
        assertNames(refused(b -> b.keepaliveInterval(Duration.ZERO)), "keepaliveInterval");
        assertNames(refused(b -> b.leakDetectionThreshold(Duration.ofMillis(-5))), "leakDetectionThreshold");
        assertNames(refused(b -> b.transactionIsolation(3)), "transactionIsolation", "3");
        assertNames(refused(b -> b.name("no spaces")), "name", "no spaces");
        assertNames(refused(b -> b.pool(p -> p.maxWaiters(-1))), "maxWaiters", "-1");
    }

    @Test
    void exactlyOneConnectionSourceIsNeeded() {
        assertNames(assertThrows(IllegalArgumentException.class,
                () -> ScopepoolDataSource.builder().name("no-source").build()), "jdbcUrl", "dataSource", "neither");
        assertNames(assertThrows(IllegalArgumentException.class,
                () -> ScopepoolDataSource.builder().jdbcUrl(URL).dataSource(new JdbcDataSource()).build()),
                "both");
    }

    @Test
    void aUrlNoDriverTakesIsRefusedAtBuild() {
        assertNames(refused(b -> b.jdbcUrl("jdbc:nosuchdatabase://127.0.0.1/x")), "bad-config", "jdbcUrl",
                "no JDBC driver", "jdbc:nosuchdatabase://127.0.0.1/x");
        assertNames(refused(b -> b.jdbcUrl("postgresql://127.0.0.1/x")), "jdbcUrl", "jdbc:");
    }

    @Test
    void aDriversDataSourceIsPooledAndReachedByUnwrap() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:wrapped;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().name("wraps-h2").dataSource(h2).build()) {
            assertTrue(ds.isWrapperFor(JdbcDataSource.class));
            assertEquals(h2, ds.unwrap(JdbcDataSource.class));
            assertEquals(ds, ds.unwrap(DataSource.class));
            assertFalse(ds.isWrapperFor(String.class));
            try (Connection c = ds.getConnection()) {
                assertTrue(c.isValid(1));
            }
            assertInstanceOf(SQLFeatureNotSupportedException.class,
                    assertThrows(SQLException.class, () -> ds.getConnection("sa", "")));
        }
    }

    @Test
    void defaultsAreThoseOfTheContract() {
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().jdbcUrl(URL).build()) {
            var config = ds.pool().config();
            assertEquals(0, config.min());
            assertEquals(10, config.max());
            assertEquals(Duration.ofSeconds(30), config.acquireTimeout());
            assertEquals(Duration.ofMinutes(30), config.maxLifetime());
            assertEquals(Duration.ofMinutes(10), config.idleTimeout());
            assertEquals(Duration.ofMillis(500), config.checkOnAcquire());
            assertEquals(Duration.ofMinutes(2), config.healthCheckInterval());
            assertEquals(Duration.ofSeconds(5), config.healthCheckTimeout());
            assertEquals(0, config.maxUses());
            assertTrue(ds.name().startsWith("pool-"), ds.name());
        }
    }

    @Test
    void everySettingReachesThePoolAndThePoolIsInJmx() throws Exception {
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().name("all-settings").jdbcUrl(URL)
                .min(1).max(4).acquireTimeout(Duration.ofSeconds(7)).maxLifetime(Duration.ofMinutes(5))
                .idleTimeout(Duration.ofMinutes(2)).maxUses(9).checkOnAcquire(Duration.ofSeconds(1))
                .validationTimeout(Duration.ofSeconds(3)).keepaliveInterval(Duration.ofSeconds(40))
                .leakDetectionThreshold(Duration.ofSeconds(20)).build()) {
            var config = ds.pool().config();
            assertEquals("all-settings", ds.name());
            assertEquals(1, config.min());
            assertEquals(4, config.max());
            assertEquals(Duration.ofSeconds(7), config.acquireTimeout());
            assertEquals(Duration.ofMinutes(5), config.maxLifetime());
            assertEquals(Duration.ofMinutes(2), config.idleTimeout());
            assertEquals(9, config.maxUses());
            assertEquals(Duration.ofSeconds(1), config.checkOnAcquire());
            assertEquals(Duration.ofSeconds(3), config.healthCheckTimeout());
            assertEquals(Duration.ofSeconds(40), config.healthCheckInterval());
            assertEquals(Duration.ofSeconds(20), config.leakDetectionThreshold());
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(
                    new ObjectName("dev.scopepool:type=ResourcePool,name=all-settings")));
        }
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(
                new ObjectName("dev.scopepool:type=ResourcePool,name=all-settings")));
    }

    @Test
    void anInterruptedWaitIsAnSqlExceptionAndKeepsTheInterrupt() throws Exception {
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().name("interrupted").jdbcUrl(URL).max(1)
                .build(); Connection held = ds.getConnection()) {
            Thread.currentThread().interrupt();
            try {
                SQLException e = assertThrows(SQLException.class, ds::getConnection);
                assertEquals("HY008", e.getSQLState());
                assertInstanceOf(InterruptedException.class, e.getCause());
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
            assertFalse(held.isClosed());
        }
    }

    @Test
    void otherPoolSettingsPassThroughButCreationStaysTheDataSources() throws SQLException {
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().name("passes-settings").jdbcUrl(URL)
                .pool(p -> p.maxWaiters(3).jmx(false).create(() -> {
                    throw new IllegalStateException("never called");
                })).build()) {
            assertEquals(3, ds.pool().config().maxWaiters());
            try (Connection c = ds.getConnection()) {
                assertTrue(c.isValid(1));
            }
        }
    }
}
