// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The network between a pool under load and its server freezes, through a proxy that holds every
 * byte: validations time out, every caller and statement ends within its bound, no capacity is
 * lost, and the pool is back at full strength once traffic flows. Sessions the pool closed
 * while frozen stay at the server until traffic flows (no pool can reach it then), and a session
 * outlives its client's close by a moment at any time; the proxy sees every close at once, and
 * sessions whose client closed are not counted among the sessions the pool holds.
 */
@ExtendWith(PostgresSupport.class)
class NetworkStallFaultTest {

    private static final int MAX = 4;
    private static final int THREADS = 6;
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(4);
    private static final int SOCKET_TIMEOUT_SECONDS = 2;
    /** What a loaded machine may add to a bound before a thread counts as hung. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final PostgresDatabase db = new PostgresDatabase();

    @Test
    void aStalledNetworkTimesOutWithinBoundsAndLosesNoCapacity() throws Exception {
        FaultRuns.rounds("stall", Duration.ofSeconds(4), Duration.ofSeconds(10), this::runOnce);
    }

    private void runOnce(String name, Duration stall) throws Exception {
        PostgresServer server = PostgresServer.shared();
        try (StallingProxy proxy = new StallingProxy(server.port()); Connection admin = db.admin()) {
            // The driver's own timeouts bound what the pool cannot: a read on a frozen socket.
            ScopepoolDataSource ds = ScopepoolDataSource.builder().name(name)
                    .jdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres")
                    .username(PostgresServer.USER).password(PostgresServer.PASSWORD).property("ApplicationName", name)
                    .property("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS))
                    .property("connectTimeout", "2").property("loginTimeout", "3")
                    .min(MAX).max(MAX).acquireTimeout(ACQUIRE_TIMEOUT).checkOnAcquire(Duration.ZERO)
                    .validationTimeout(Duration.ofSeconds(1))
                    .pool(p -> p.createTimeout(Duration.ofSeconds(4))).build();
            FaultLoad load = new FaultLoad(ds, server.jdbcUrl(), THREADS, Duration.ofSeconds(120), proxy::clientGone);
            try {
                Eventually.await(Duration.ofSeconds(20), "the pool full under load",
                        () -> db.sessions(admin, name) == MAX && load.loans.get() > 100);
                long baselineFrom = load.now();
                Eventually.await(Duration.ofSeconds(10), "a second of load", () -> load.now() - baselineFrom > 1e9);
                double baseline = load.rate(baselineFrom, load.now());
                long unhealthyBefore = ds.pool().stats().unhealthy();

                // One connection is handed back while frozen, so a borrower must validate a
                // connection over the frozen network (else whether any is idle when the stall
                // begins is luck: under load every one may be busy in a statement).
                Connection spare = ds.getConnection();
                load.expectLive(false);
                long frozenAt = load.now();
                proxy.freeze();
                spare.close();
                Eventually.await(stall.plusSeconds(10), "the stall's length",
                        () -> load.now() - frozenAt >= stall.toNanos());
                long duringStall = load.successesSince(frozenAt + Duration.ofSeconds(SOCKET_TIMEOUT_SECONDS)
                        .plus(SLACK).toNanos());
                proxy.thaw();
                long thawedAt = load.now();
                load.expectLive(true);

                Eventually.await(Duration.ofSeconds(30), "a loan after the stall",
                        () -> load.lastSuccessNanos.get() - thawedAt > 0);
                long firstSuccess = load.lastSuccessNanos.get() - thawedAt;
                Eventually.await(Duration.ofSeconds(30), "the pool full again",
                        () -> db.sessions(admin, name) == MAX && ds.pool().stats().total() == MAX
                                && load.now() - thawedAt > 2e9);
                long full = load.timeToThroughput(thawedAt, baseline, 0.8);
                assertTrue(load.stop(Duration.ofSeconds(20)), "a load thread hung");

                var stats = ds.pool().stats();
                FaultRuns.print(name, "stalled " + stall.toSeconds() + " s; baseline " + Math.round(baseline)
                        + " loans/s; loans while frozen (after the socket timeout) " + duringStall
                        + "; first success " + FaultRuns.millis(firstSuccess) + " after traffic flowed again, 80 % of"
                        + " baseline after " + FaultRuns.millis(full) + "; " + load.summary() + "; pool " + stats);
                assertTrue(stats.unhealthy() > unhealthyBefore, "no validation failed during the stall");
                assertTrue(load.maxAcquireNanos.get() <= ACQUIRE_TIMEOUT.plus(SLACK).toNanos(),
                        "getConnection() took " + FaultRuns.millis(load.maxAcquireNanos.get()));
                assertTrue(load.maxStatementNanos.get() <= Duration.ofSeconds(SOCKET_TIMEOUT_SECONDS).plus(SLACK)
                        .toNanos(), "a statement took " + FaultRuns.millis(load.maxStatementNanos.get()));
                assertEquals(MAX, stats.total(), "connections after the stall");
                load.assertEveryLoanSafe(MAX);
            } finally {
                load.close();
                ds.close();
            }
            Eventually.await(Duration.ofSeconds(10), "no session left after close()",
                    () -> db.sessions(admin, name) == 0);
        }
    }
}
