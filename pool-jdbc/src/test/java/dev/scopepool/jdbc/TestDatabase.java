// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One real database the data source is tested on, with what the tests need to see from the
 * server's side: which session a connection is, how many sessions a pool holds, and how to
 * kill one.
 */
interface TestDatabase {

    /** @return a builder connecting to this database, its sessions tagged {@code poolName} where the database can */
    ScopepoolDataSource.Builder builder(String poolName);

    /** @return a connection of its own, outside every pool, to watch and break the pool's sessions */
    Connection admin() throws SQLException;

    /** @return the server's id for the session behind {@code connection} */
    long sessionId(Connection connection) throws SQLException;

    /** @return the server's count of open sessions of pool {@code poolName} */
    int sessions(Connection admin, String poolName) throws SQLException;

    /** @return whether the server still lists session {@code id} */
    boolean isListed(Connection admin, long id) throws SQLException;

    /** Ends session {@code id} from the server side, as an administrator or a restart would. */
    void kill(Connection admin, long id) throws SQLException;

    /** Runs a statement that the server cancels for running too long (SQLState 57014). */
    void runUntilCancelled(Connection connection) throws SQLException;

    /** @return the schema the server says the session is in */
    String currentSchema(Connection connection) throws SQLException;

    /** @return {@code name} as the database stores an unquoted identifier */
    String identifier(String name);

    /** @return SQL that fails with a unique-constraint violation (class 23) on a fresh table */
    String[] constraintViolation(String table);
}
