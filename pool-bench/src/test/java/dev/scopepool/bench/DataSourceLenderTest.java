// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.bench.jdbc.JdbcPeer;
import dev.scopepool.bench.jdbc.JdbcTarget;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DataSourceLenderTest {

    /** The shortest HikariCP accepts. */
    private static final Duration TIMEOUT = Duration.ofMillis(250);

    @ParameterizedTest
    @EnumSource(JdbcPeer.class)
    void everyDataSourceLendsAllItsConnectionsThenTimesOutThenLendsAgain(JdbcPeer peer) throws Exception {
        Lender lender = new DataSourceKind(peer).open(2, TIMEOUT);
        try {
            Object first = lender.borrow();
            Object second = lender.borrow();
            assertNotNull(first);
            assertNotNull(second);
            assertTrue(first != second, "two loans of the same connection");

            assertNull(lender.borrow(), peer.label + ": a third borrow of two connections must time out");

            lender.giveBack(first);
            Object again = lender.borrow();
            assertNotNull(again);

            // Given back before closing: a data source waits at close for connections still lent.
            lender.giveBack(again);
            lender.giveBack(second);
        } finally {
            lender.close();
        }
    }

    @Test
    void aGetConnectionThatFailsBeforeTheTimeoutIsAFailureNotATimeout() throws Exception {
        DataSource ds = JdbcPeer.SCOPEPOOL.openFull(JdbcTarget.STUB, 1, Duration.ofSeconds(30));
        Lender lender = new DataSourceLender(ds, Duration.ofSeconds(30));
        lender.close();

        assertThrows(SQLException.class, lender::borrow, "a closed data source fails at once");
    }

    @Test
    void eachDataSourceHasAKeyOfItsOwnThatNamesItAsJdbc() {
        assertEquals("jdbc-hikaricp", new DataSourceKind(JdbcPeer.HIKARICP).key());
        assertEquals(JdbcPeer.values().length, DataSourceKind.ALL.stream().map(DataSourceKind::key).distinct().count());
    }
}
