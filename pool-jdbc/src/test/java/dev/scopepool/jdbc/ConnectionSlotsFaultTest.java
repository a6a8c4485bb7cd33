// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Another client holds every connection slot of the server while a pool under load needs
 * connections: creations fail with the server's own error, no more than
 * {@code maxConcurrentCreates} are tried at once, fail-fast keeps them from becoming a storm,
 * and the pool fills as soon as slots free up.
 */
class ConnectionSlotsFaultTest {

    private static final int MAX = 4;
    private static final int THREADS = 6;
    private static final int MAX_CONCURRENT_CREATES = 2;
    private static final int FAIL_FAST_AFTER = 3;
    /** A non-superuser: the server keeps its reserved slots for the test's own superuser sessions. */
    private static final String APP = "app";
    private static final String TOO_MANY_CLIENTS = "53300";

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.dedicated("-c max_connections=12 -c superuser_reserved_connections=3");
        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + APP + " LOGIN PASSWORD '" + PostgresServer.PASSWORD + "'");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void creationsRefusedForWantOfSlotsStayBoundedAndThePoolFillsWhenSlotsFree() throws Exception {
        FaultRuns.rounds("slots", Duration.ofSeconds(3), Duration.ofSeconds(10), this::runOnce);
    }

    private void runOnce(String name, Duration full) throws Exception {
        List<Connection> hog = takeEverySlot();
        CountingDataSource counting = new CountingDataSource(name);
        ScopepoolDataSource ds = ScopepoolDataSource.builder().name(name).dataSource(counting)
                .username(APP).password(PostgresServer.PASSWORD)
                .min(MAX).max(MAX).acquireTimeout(Duration.ofSeconds(3))
                .pool(p -> p.maxConcurrentCreates(MAX_CONCURRENT_CREATES).failFastAfter(FAIL_FAST_AFTER)).build();
        FaultLoad load = new FaultLoad(ds, server.jdbcUrl(), THREADS, Duration.ofSeconds(120));
        try {
            long fullFrom = load.now();
            Eventually.await(full.plusSeconds(30), "the slots held and creations refused",
                    () -> load.now() - fullFrom >= full.toNanos() && counting.refused.get() > 0);
            long attemptsWhileFull = counting.attempts.get();
            long heldFor = load.now() - fullFrom;
            long loansWhileFull = load.loans.get();

            hog.forEach(ConnectionSlotsFaultTest::closeQuietly);
            long freedAt = load.now();
            Eventually.await(Duration.ofSeconds(30), "a loan once slots were free",
                    () -> load.lastSuccessNanos.get() - freedAt > 0);
            long firstSuccess = load.lastSuccessNanos.get() - freedAt;
            try (Connection admin = admin()) {
                Eventually.await(Duration.ofSeconds(30), "the pool full",
                        () -> sessions(admin, name) == MAX && ds.pool().stats().total() == MAX);
            }
            long filled = load.now() - freedAt;
            assertTrue(load.stop(Duration.ofSeconds(20)), "a load thread hung");

            long bound = FAIL_FAST_AFTER + MAX_CONCURRENT_CREATES + MAX + probesWithin(heldFor);
            FaultRuns.print(name, "slots held " + full.toSeconds() + " s by " + hog.size() + " sessions: "
                    + attemptsWhileFull + " creations tried (bound " + bound + "), " + counting.refused
                    + " refused with " + TOO_MANY_CLIENTS + ", at most " + counting.maxInFlight
                    + " at once; first success " + FaultRuns.millis(firstSuccess) + " and pool full "
                    + FaultRuns.millis(filled) + " after the slots were freed; " + load.summary() + "; pool "
                    + ds.pool().stats());
            assertEquals(0, loansWhileFull, "a connection was lent while the server had no slot");
            assertTrue(counting.maxInFlight.get() <= MAX_CONCURRENT_CREATES,
                    "creations at once: " + counting.maxInFlight);
            assertTrue(attemptsWhileFull <= bound, "creations tried while the slots were held: " + attemptsWhileFull);
            assertTrue(load.acquireErrors.stream().anyMatch(ConnectionSlotsFaultTest::hasServersError),
                    "no caller was told the server's error");
            load.assertEveryLoanSafe(MAX);
        } finally {
            load.close();
            ds.close();
            hog.forEach(ConnectionSlotsFaultTest::closeQuietly);
        }
        try (Connection admin = admin()) {
            Eventually.await(Duration.ofSeconds(10), "no session left after close()", () -> sessions(admin, name) == 0);
        }
    }

    /**
     * @return the most fail-fast probes that fit in {@code nanos}: 50 ms doubling to 5 s apart, plus
     *         one (the bound adds the failures that make the pool down, and its first fill of min)
     */
    private static long probesWithin(long nanos) {
        long probes = 1;
        long delay = 50;
        for (long t = delay; t * 1_000_000 <= nanos; t += delay) {
            probes++;
            delay = Math.min(5_000, delay * 2);
        }
        return probes;
    }

    private static List<Connection> takeEverySlot() throws SQLException {
        List<Connection> hog = new ArrayList<>();
        try {
            while (hog.size() < 50) {
                hog.add(DriverManager.getConnection(server.jdbcUrl() + "?ApplicationName=scopepool-hog", APP,
                        PostgresServer.PASSWORD));
            }
        } catch (SQLException e) {
            if (!TOO_MANY_CLIENTS.equals(e.getSQLState())) {
                hog.forEach(ConnectionSlotsFaultTest::closeQuietly);
                throw e;
            }
        }
        return hog;
    }

    private static boolean hasServersError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && TOO_MANY_CLIENTS.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl() + "?ApplicationName=scopepool-admin",
                PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static int sessions(Connection admin, String name) throws SQLException {
        return (int) H2Database.queryLong(admin,
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + name + "'");
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the server ends it anyway
        }
    }

    /** The driver's data source, counting the connections asked of it and how many at once. */
    private static final class CountingDataSource implements DataSource {
        private final PGSimpleDataSource driver = new PGSimpleDataSource();
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();

        CountingDataSource(String applicationName) {
            driver.setURL(server.jdbcUrl());
            driver.setApplicationName(applicationName);
        }

        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool passes its credentials");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            attempts.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                return driver.getConnection(username, password);
            } catch (SQLException e) {
                if (TOO_MANY_CLIENTS.equals(e.getSQLState())) {
                    refused.incrementAndGet();
                }
                throw e;
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
