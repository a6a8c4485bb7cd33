// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every data source of the JDBC cycles lends distinct stub connections, wrapped, and runs the statement cycle. */
class JdbcPeerTest {

    private static final int MAX = 4;

    @ParameterizedTest
    @EnumSource(JdbcPeer.class)
    void lendsEachStubConnectionToOneBorrowerAndRunsTheCycle(JdbcPeer peer) throws Exception {
        DataSource ds = peer.openFull(MAX);
        try {
            List<Connection> held = new ArrayList<>();
            Map<StubConnection, Boolean> physicals = new IdentityHashMap<>();
            for (int i = 0; i < MAX; i++) {
                Connection c = ds.getConnection();
                held.add(c);
                StubConnection physical = c.unwrap(StubConnection.class);
                assertNotSame(physical, c, peer.label + " lent the driver's connection unwrapped");
                physicals.put(physical, true);
            }
            assertEquals(MAX, physicals.size(), peer.label + ": distinct connections lent");
            for (Connection c : held) {
                c.close();
            }
            for (int i = 0; i < 100; i++) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    assertFalse(s.execute("SELECT 1"));
                }
            }
        } finally {
            JdbcPeer.close(ds);
        }
    }
}
