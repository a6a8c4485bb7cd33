// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every session of a pool under load killed at once at the server, as a failover does: only the
 * statements in flight fail, no later borrower gets a dead connection, and the pool is back at
 * full throughput by itself.
 */
@ExtendWith(PostgresSupport.class)
class KilledSessionsFaultTest {

    private static final int MAX = 4;
    private static final int THREADS = 8;

    private final PostgresDatabase db = new PostgresDatabase();

    @Test
    void killingEverySessionFailsOnlyStatementsInFlight() throws Exception {
        // A kill is instant: the fault's length does not apply.
        FaultRuns.rounds("kill-all", Duration.ZERO, Duration.ZERO, (name, instant) -> runOnce(name));
    }

    private void runOnce(String name) throws Exception {
        // checkOnAcquire 0: a connection used a moment ago is validated too, so a kill is seen before lending
        ScopepoolDataSource ds = db.builder(name).min(MAX).max(MAX).acquireTimeout(Duration.ofSeconds(10))
                .checkOnAcquire(Duration.ZERO).build();
        try (Connection admin = db.admin()) {
            FaultLoad load = new FaultLoad(ds, PostgresServer.shared().jdbcUrl(), THREADS, Duration.ofSeconds(60));
            try {
                Eventually.await(Duration.ofSeconds(20), "the pool full under load",
                        () -> db.sessions(admin, name) == MAX && load.loans.get() > 100);
                long baselineFrom = load.now();
                Eventually.await(Duration.ofSeconds(10), "a second of load", () -> load.now() - baselineFrom > 1e9);
                double baseline = load.rate(baselineFrom, load.now());

                load.expectLive(false);
                long killedAt = load.now();
                List<Integer> killed = killAll(admin, name);
                Eventually.await(Duration.ofSeconds(10), "the killed sessions gone", () -> noneListed(admin, killed));
                long goneAt = load.now();
                load.expectLive(true);

                Eventually.await(Duration.ofSeconds(20), "loans after the kill",
                        () -> load.successesSince(goneAt) > 200 && load.now() - goneAt > 2e9);
                long firstFull = load.timeToThroughput(killedAt, baseline, 0.8);
                assertTrue(load.stop(Duration.ofSeconds(20)), "a load thread hung");

                FaultRuns.print(name, "killed " + killed.size() + " sessions; baseline "
                        + Math.round(baseline) + " loans/s; sessions gone after " + FaultRuns.millis(goneAt - killedAt)
                        + "; back to 80 % of baseline after " + FaultRuns.millis(firstFull) + "; "
                        + load.summary() + "; pool " + ds.pool().stats());
                assertEquals(MAX, killed.size(), "sessions killed");
                load.assertEveryLoanSafe(MAX);
                assertTrue(load.loanFailures.get() <= killed.size(),
                        "more loans failed (" + load.loanFailures + ") than sessions were killed");
                assertEquals(0, load.acquireFailures.get(), "getConnection failed");
            } finally {
                load.close();
                ds.close();
            }
            Eventually.await(Duration.ofSeconds(10), "no session left after close()",
                    () -> db.sessions(admin, name) == 0);
        }
    }

    static List<Integer> killAll(Connection admin, String application) throws Exception {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement s = admin.prepareStatement("SELECT pid, pg_terminate_backend(pid)"
                + " FROM pg_stat_activity WHERE application_name = ?")) {
            s.setString(1, application);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        }
        return pids;
    }

    static boolean noneListed(Connection admin, List<Integer> pids) throws Exception {
        try (PreparedStatement s = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY (?)")) {
            s.setArray(1, admin.createArrayOf("int4", pids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 0;
            }
        }
    }
}
