// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench.jdbc;

/**
 * Where a benchmark's data sources get their connections: a JDBC URL, the driver that serves it
 * (named, so every pool loads it the same way) and a login.
 *
 * @param user null: the driver's default, no password
 */
public record JdbcTarget(String url, String driverClassName, String user, String password) {

    /** The stub driver of the JDBC cycles: connections that do nothing, no login. */
    public static final JdbcTarget STUB = new JdbcTarget(StubDriver.URL, StubDriver.class.getName(), null, null);

    /** Hides the password from logs and failure messages. */
    @Override
    public String toString() {
        return "JdbcTarget[" + url + ", " + driverClassName + (user == null ? "" : ", user " + user) + "]";
    }
}
