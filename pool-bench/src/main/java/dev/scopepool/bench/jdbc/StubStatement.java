// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A statement that does nothing: {@code execute} returns {@code false} (no result set) at once. */
final class StubStatement implements Statement {

    private final StubConnection connection;
    private boolean closed;

    StubStatement(StubConnection connection) {
        this.connection = connection;
    }

    @Override
    public java.sql.ResultSet executeQuery(String p0) throws SQLException {
        return null;
    }

    @Override
    public int executeUpdate(String p0) throws SQLException {
        return 0;
    }

    @Override
    public void close() throws SQLException {
        closed = true;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return 0;
    }

    @Override
    public void setMaxFieldSize(int p0) throws SQLException {
    }

    @Override
    public int getMaxRows() throws SQLException {
        return 0;
    }

    @Override
    public void setMaxRows(int p0) throws SQLException {
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws SQLException {
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return 0;
    }

    @Override
    public void setQueryTimeout(int p0) throws SQLException {
    }

    @Override
    public void cancel() throws SQLException {
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws SQLException {
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
    }

    @Override
    public void setCursorName(String p0) throws SQLException {
    }

    @Override
    public boolean execute(String p0) throws SQLException {
        return false;
    }

    @Override
    public java.sql.ResultSet getResultSet() throws SQLException {
        return null;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return -1;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return false;
    }

    @Override
    public void setFetchDirection(int p0) throws SQLException {
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return 0;
    }

    @Override
    public void setFetchSize(int p0) throws SQLException {
    }

    @Override
    public int getFetchSize() throws SQLException {
        return 0;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return 0;
    }

    @Override
    public int getResultSetType() throws SQLException {
        return 0;
    }

    @Override
    public void addBatch(String p0) throws SQLException {
    }

    @Override
    public void clearBatch() throws SQLException {
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return new int[0];
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection;
    }

    @Override
    public boolean getMoreResults(int p0) throws SQLException {
        return false;
    }

    @Override
    public java.sql.ResultSet getGeneratedKeys() throws SQLException {
        return null;
    }

    @Override
    public int executeUpdate(String p0, int p1) throws SQLException {
        return 0;
    }

    @Override
    public int executeUpdate(String p0, int[] p1) throws SQLException {
        return 0;
    }

    @Override
    public int executeUpdate(String p0, String[] p1) throws SQLException {
        return 0;
    }

    @Override
    public boolean execute(String p0, int p1) throws SQLException {
        return false;
    }

    @Override
    public boolean execute(String p0, int[] p1) throws SQLException {
        return false;
    }

    @Override
    public boolean execute(String p0, String[] p1) throws SQLException {
        return false;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return 0;
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed;
    }

    @Override
    public void setPoolable(boolean p0) throws SQLException {
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
