// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which {@link SQLException}s mean the physical connection is gone and must never be lent
 * again. One table, read top to bottom:
 *
 * <ul>
 *   <li>never broken: {@link SQLTimeoutException} and SQLState {@code 57014} (a statement was
 *       cancelled, the session lives on);</li>
 *   <li>broken: SQLState class {@code 08} (connection exception), {@code 57P01}, {@code 57P02},
 *       {@code 57P03} (the server is shutting down or not accepting sessions), {@code 01002}
 *       (disconnect error), {@code JZ0C0}, {@code JZ0C1} (jConnect: connection closed);</li>
 *   <li>broken: vendor codes {@code 500150} (Redshift), {@code 2399} (Sybase), {@code 1105}
 *       (MySQL/MariaDB: the server closed the session);</li>
 * </ul>
 * Whatever the user's {@code fatalErrors} predicate accepts is broken too, timeouts included.
 *
 * <p>The rule is applied to the exception, every exception on its {@code getNextException()}
 * chain and every cause of each, so a fatal error wrapped by a driver or a framework is still
 * seen. Constraint violations (class {@code 23}) and every other state are not fatal.
 */
final class FatalErrors {

    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "01002", "JZ0C0", "JZ0C1");
    private static final Set<Integer> VENDOR_CODES = Set.of(500150, 2399, 1105);
    private static final String CANCELLED = "57014";
    /** Chains are walked at most this far, so a cyclic or endless chain cannot hang the caller. */
    private static final int MAX_LINKS = 100;

    private final Predicate<SQLException> userRule;

    /** @param userRule the user's extra rule, or {@code null} */
    FatalErrors(Predicate<SQLException> userRule) {
        this.userRule = userRule;
    }

    /** @return whether {@code error}, its next exceptions or their causes break the connection */
    boolean breaksConnection(SQLException error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        return walk(error, seen);
    }

    private boolean walk(Throwable error, Map<Throwable, Boolean> seen) {
        for (Throwable t = error; t != null && seen.size() < MAX_LINKS; t = t.getCause()) {
            if (seen.put(t, Boolean.TRUE) != null) {
                return false;
            }
            if (t instanceof SQLException sql) {
                if (isFatal(sql)) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null && walk(next, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isFatal(SQLException e) {
        if (userRule != null && userRule.test(e)) {
            return true;
        }
        if (e instanceof SQLTimeoutException || CANCELLED.equals(e.getSQLState())) {
            return false;
        }
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || STATES.contains(state))) {
            return true;
        }
        return VENDOR_CODES.contains(e.getErrorCode());
    }
}
