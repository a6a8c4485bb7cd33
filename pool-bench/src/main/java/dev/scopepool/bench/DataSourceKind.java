// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.bench.jdbc.JdbcPeer;
import dev.scopepool.bench.jdbc.JdbcTarget;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One JDBC data source on the stub driver as a pool the virtual-thread runs measure, configured as
 * {@link JdbcPeer} says, and keyed {@code jdbc-<peer>} (e.g. {@code jdbc-hikaricp}).
 */
record DataSourceKind(JdbcPeer peer) implements MeasuredPool {

    /** Every data source, in {@link JdbcPeer}'s order. */
    static final List<DataSourceKind> ALL = Arrays.stream(JdbcPeer.values()).map(DataSourceKind::new).toList();

    @Override
    public String key() {
        return "jdbc-" + peer.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String label() {
        return peer.label;
    }

    @Override
    public boolean isScopepool() {
        return peer == JdbcPeer.SCOPEPOOL;
    }

    /** @return the data source with {@code size} stub connections open, as a {@link DataSourceLender} */
    @Override
    public Lender open(int size, Duration timeout) throws SQLException {
        return new DataSourceLender(peer.openFull(JdbcTarget.STUB, size, timeout), timeout);
    }
}
