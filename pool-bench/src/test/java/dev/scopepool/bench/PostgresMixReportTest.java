// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.bench.jdbc.JdbcPeer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresMixReportTest {

    private static final WaitPercentiles WAITS = new WaitPercentiles(40, 2_000.0, 30_000.0, 45_000.0, 50_000.0);

    @Test
    void whatAForkWritesTheComparisonReadsBack() throws Exception {
        PostgresMixOutcome written = new PostgresMixOutcome(JdbcPeer.AGROAL, 16, "PostgreSQL 15.18", WAITS);
        try {
            written.write();

            assertEquals(written, PostgresMixOutcome.read(JdbcPeer.AGROAL, 16));
        } finally {
            Files.deleteIfExists(PostgresMixOutcome.file(JdbcPeer.AGROAL, 16));
        }
    }

    @Test
    void aTrialThatLeftNoOutcomeReadsAsNone() throws Exception {
        assertNull(PostgresMixOutcome.read(JdbcPeer.DBCP2, 3));
    }

    @Test
    void withoutAServerTheSectionSaysWhyAndCountsNothingAsPassed() {
        PostgresMixReport report = PostgresMixReport.notMeasured("no PostgreSQL server binaries (initdb, pg_ctl) found");

        assertTrue(report.markdown().contains("**NOT MEASURED: no PostgreSQL server binaries"), report.markdown());
        assertEquals(0, report.passed());
    }

    @Test
    void eachDataSourceIsComparedWithScopepoolOnItsBestIteration() {
        PostgresMixReport report = new PostgresMixReport(List.of(
                result(JdbcPeer.SCOPEPOOL, 8, 6.0), result(JdbcPeer.HIKARICP, 8, 4.0)), "settings");

        String markdown = report.markdown();

        assertTrue(markdown.contains("| HikariCP | 3.00 ± 0.50 (4.00) | 2.00 | 30 | 50 | 1.50 |"), markdown);
        assertTrue(markdown.contains("| Agroal | — | — | — | — | — |"), markdown);
        assertTrue(markdown.contains("PostgreSQL 15.18"), markdown);
        assertEquals(2, report.passed());
    }

    private static PostgresMixResult result(JdbcPeer peer, int threads, double best) {
        return new PostgresMixResult(new PostgresMixOutcome(peer, threads, "PostgreSQL 15.18", WAITS), 3.0, 0.5, best);
    }
}
