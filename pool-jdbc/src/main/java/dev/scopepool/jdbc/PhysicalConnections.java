// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.sql.Connection;
import java.util.Arrays;

/**
 * The pool holds the drivers' connections themselves; this finds each one's
 * {@link PhysicalConnection} by identity (never {@code equals}, which a driver may override).
 * Thread-safe.
 *
 * <p>Every {@code getConnection()} looks a connection up here, on as many threads as borrow at
 * once, so a lookup takes no lock and allocates nothing: it probes an immutable open-addressing
 * table read through one volatile field. Adding and removing (once per physical connection
 * opened or closed) copy the table under a lock, in time linear in the pool's size.
 */
final class PhysicalConnections {

    private static final PhysicalConnection[] EMPTY = new PhysicalConnection[2];

    /** A power-of-two table at most half full, probed linearly from the identity hash. */
    private volatile PhysicalConnection[] table = EMPTY;
    private int size;

    synchronized void add(PhysicalConnection physical) {
        PhysicalConnection[] next = copy(table, size + 1);
        insert(next, physical);
        size++;
        table = next;
    }

    /** @return the connection's entry, or null if it is not (or no longer) here */
    PhysicalConnection get(Connection connection) {
        PhysicalConnection[] t = table;
        int mask = t.length - 1;
        for (int i = hash(connection) & mask;; i = (i + 1) & mask) {
            PhysicalConnection p = t[i];
            if (p == null || p.connection() == connection) {
                return p;
            }
        }
    }

    synchronized PhysicalConnection remove(Connection connection) {
        PhysicalConnection found = get(connection);
        if (found == null) {
            return null;
        }
        PhysicalConnection[] old = table;
        PhysicalConnection[] next = new PhysicalConnection[capacityFor(size - 1)];
        for (PhysicalConnection p : old) {
            if (p != null && p != found) {
                insert(next, p);
            }
        }
        size--;
        table = next;
        return found;
    }

    private static PhysicalConnection[] copy(PhysicalConnection[] old, int entries) {
        int capacity = capacityFor(entries);
        if (capacity == old.length) {
            return Arrays.copyOf(old, capacity);
        }
        PhysicalConnection[] next = new PhysicalConnection[capacity];
        for (PhysicalConnection p : old) {
            if (p != null) {
                insert(next, p);
            }
        }
        return next;
    }

    private static int capacityFor(int entries) {
        return Math.max(2, Integer.highestOneBit(Math.max(1, entries) * 2 - 1) << 1);
    }

    private static void insert(PhysicalConnection[] t, PhysicalConnection physical) {
        int mask = t.length - 1;
        int i = hash(physical.connection()) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = physical;
    }

    private static int hash(Object o) {
        int h = System.identityHashCode(o);
        return h ^ (h >>> 16);
    }
}
