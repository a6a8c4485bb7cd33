// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection that does nothing: it keeps the state a pool reads and resets (auto-commit,
 * isolation, read-only, catalog, schema, network timeout, closed) in plain fields and answers
 * every other method with a default, so a benchmark measures the pool, not a database.
 */
final class StubConnection implements Connection {

    private boolean autoCommit = true;
    private int isolation = TRANSACTION_READ_COMMITTED;
    private boolean readOnly;
    private String catalog;
    private String schema;
    private int networkTimeout;
    private volatile boolean closed;

    @Override
    public java.sql.Statement createStatement() throws SQLException {
        return new StubStatement(this);
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0) throws SQLException {
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(String p0) throws SQLException {
        return null;
    }

    @Override
    public String nativeSQL(String p0) throws SQLException {
        return null;
    }

    @Override
    public void setAutoCommit(boolean p0) throws SQLException {
        autoCommit = p0;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
    }

    @Override
    public void rollback() throws SQLException {
    }

    @Override
    public void close() throws SQLException {
        closed = true;
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed;
    }

    @Override
    public java.sql.DatabaseMetaData getMetaData() throws SQLException {
        return null;
    }

    @Override
    public void setReadOnly(boolean p0) throws SQLException {
        readOnly = p0;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return readOnly;
    }

    @Override
    public void setCatalog(String p0) throws SQLException {
        catalog = p0;
    }

    @Override
    public String getCatalog() throws SQLException {
        return catalog;
    }

    @Override
    public void setTransactionIsolation(int p0) throws SQLException {
        isolation = p0;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return isolation;
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws SQLException {
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1) throws SQLException {
        return new StubStatement(this);
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2) throws SQLException {
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(String p0, int p1, int p2) throws SQLException {
        return null;
    }

    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        return null;
    }

    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> p0) throws SQLException {
    }

    @Override
    public void setHoldability(int p0) throws SQLException {
    }

    @Override
    public int getHoldability() throws SQLException {
        return java.sql.ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public java.sql.Savepoint setSavepoint() throws SQLException {
        return null;
    }

    @Override
    public java.sql.Savepoint setSavepoint(String p0) throws SQLException {
        return null;
    }

    @Override
    public void rollback(java.sql.Savepoint p0) throws SQLException {
    }

    @Override
    public void releaseSavepoint(java.sql.Savepoint p0) throws SQLException {
    }

    @Override
    public java.sql.Statement createStatement(int p0, int p1, int p2) throws SQLException {
        return new StubStatement(this);
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int p1, int p2, int p3) throws SQLException {
        return null;
    }

    @Override
    public java.sql.CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws SQLException {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int p1) throws SQLException {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, int[] p1) throws SQLException {
        return null;
    }

    @Override
    public java.sql.PreparedStatement prepareStatement(String p0, String[] p1) throws SQLException {
        return null;
    }

    @Override
    public java.sql.Clob createClob() throws SQLException {
        return null;
    }

    @Override
    public java.sql.Blob createBlob() throws SQLException {
        return null;
    }

    @Override
    public java.sql.NClob createNClob() throws SQLException {
        return null;
    }

    @Override
    public java.sql.SQLXML createSQLXML() throws SQLException {
        return null;
    }

    @Override
    public boolean isValid(int p0) throws SQLException {
        return !closed;
    }

    @Override
    public void setClientInfo(String p0, String p1) throws java.sql.SQLClientInfoException {
    }

    @Override
    public void setClientInfo(java.util.Properties p0) throws java.sql.SQLClientInfoException {
    }

    @Override
    public String getClientInfo(String p0) throws SQLException {
        return null;
    }

    @Override
    public java.util.Properties getClientInfo() throws SQLException {
        return null;
    }

    @Override
    public java.sql.Array createArrayOf(String p0, Object[] p1) throws SQLException {
        return null;
    }

    @Override
    public java.sql.Struct createStruct(String p0, Object[] p1) throws SQLException {
        return null;
    }

    @Override
    public void setSchema(String p0) throws SQLException {
        schema = p0;
    }

    @Override
    public String getSchema() throws SQLException {
        return schema;
    }

    @Override
    public void abort(java.util.concurrent.Executor p0) throws SQLException {
    }

    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor p0, int p1) throws SQLException {
        networkTimeout = p1;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return networkTimeout;
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
