// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.ResourceCreationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server stopped under load and started again, on a server of the test's own (stopping the
 * shared one would break the other tests): with {@code failFastAfter} callers fail at once while
 * it is down, and the pool comes back by itself once it is up.
 */
class ServerRestartFaultTest {

    private static final int MAX = 4;
    private static final int THREADS = 6;
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    /** Fail-fast answers within this, against the 10 s the callers would otherwise wait. */
    private static final Duration FAST = Duration.ofMillis(2_500);

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.dedicated("-c max_connections=20");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void callersFailFastWhileTheServerIsDownAndThePoolRecoversByItself() throws Exception {
        FaultRuns.rounds("restart", Duration.ofSeconds(3), Duration.ofSeconds(10), this::runOnce);
    }

    private void runOnce(String name, Duration down) throws Exception {
        ScopepoolDataSource ds = ScopepoolDataSource.builder().name(name).jdbcUrl(server.jdbcUrl())
                .username(PostgresServer.USER).password(PostgresServer.PASSWORD).property("ApplicationName", name)
                .property("connectTimeout", "2").property("loginTimeout", "5")
                .min(MAX).max(MAX).acquireTimeout(ACQUIRE_TIMEOUT)
                .pool(p -> p.failFastAfter(2).createTimeout(Duration.ofSeconds(5))).build();
        FaultLoad load = new FaultLoad(ds, server.jdbcUrl(), THREADS, Duration.ofSeconds(120));
        boolean up = true;
        try {
            Eventually.await(Duration.ofSeconds(20), "the pool full under load",
                    () -> ds.pool().stats().total() == MAX && load.loans.get() > 100);

            load.expectLive(false);
            long stoppedAt = load.now();
            server.halt();
            up = false;
            Eventually.await(Duration.ofSeconds(30), "the pool down", () -> ds.pool().stats().down());
            long downAt = load.now();
            load.watchFailuresFrom = downAt;
            Eventually.await(down.plusSeconds(30), "the outage's length and failed callers",
                    () -> load.now() - stoppedAt >= down.toNanos() && load.watchedFailures.get() > 10);
            load.watchFailuresFrom = Long.MAX_VALUE;
            long fastFailures = load.watchedFailures.get();
            long slowestFailure = load.maxWatchedFailureNanos.get();

            server.resume();
            up = true;
            long resumedAt = load.now();
            load.expectLive(true);
            Eventually.await(Duration.ofSeconds(30), "a loan after the restart",
                    () -> load.lastSuccessNanos.get() - resumedAt > 0);
            long firstSuccess = load.lastSuccessNanos.get() - resumedAt;
            Eventually.await(Duration.ofSeconds(30), "the pool full again",
                    () -> ds.pool().stats().total() == MAX && !ds.pool().stats().down()
                            && load.successesSince(resumedAt + firstSuccess) > 100);
            assertTrue(load.stop(Duration.ofSeconds(20)), "a load thread hung");

            FaultRuns.print(name, "down " + down.toSeconds() + " s; pool down after "
                    + FaultRuns.millis(downAt - stoppedAt) + "; " + fastFailures + " callers failed fast, slowest "
                    + FaultRuns.millis(slowestFailure) + "; first success " + FaultRuns.millis(firstSuccess)
                    + " after the restart; " + load.summary() + "; pool " + ds.pool().stats());
            assertTrue(slowestFailure < FAST.toNanos(), "a caller waited " + FaultRuns.millis(slowestFailure)
                    + " while the pool was down");
            assertTrue(load.acquireErrors.stream().anyMatch(ServerRestartFaultTest::isDown),
                    "no caller was told the pool is down");
            load.assertEveryLoanSafe(MAX);
        } finally {
            load.close();
            ds.close();
            if (!up) {
                server.resume();
            }
        }
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            Eventually.await(Duration.ofSeconds(10), "no session left after close()",
                    () -> H2Database.queryLong(admin, "SELECT count(*) FROM pg_stat_activity"
                            + " WHERE application_name = '" + name + "'") == 0);
        }
    }

    private static boolean isDown(SQLException e) {
        return e instanceof SQLTransientConnectionException && e.getCause() instanceof ResourceCreationException
                && e.getCause().getMessage().contains("is down");
    }
}
