// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.sql.Connection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The pool holds the drivers' connections themselves; this finds each one's
 * {@link PhysicalConnection} by identity (never {@code equals}, which a driver may override).
 * Thread-safe.
 */
final class PhysicalConnections {

    private final Map<Connection, PhysicalConnection> byConnection = new IdentityHashMap<>();

    synchronized void add(PhysicalConnection physical) {
        byConnection.put(physical.connection(), physical);
    }

    synchronized PhysicalConnection get(Connection connection) {
        return byConnection.get(connection);
    }

    synchronized PhysicalConnection remove(Connection connection) {
        return byConnection.remove(connection);
    }
}
