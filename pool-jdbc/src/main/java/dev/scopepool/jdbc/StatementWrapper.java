// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement made through a {@link ConnectionWrapper}: delegates every call, wraps the result
 * sets it returns (their {@code getStatement()} is this object) and closes them with itself,
 * and reports every {@link SQLException} to its connection, which decides whether it is fatal.
 * {@code getConnection()} returns the wrapper it was made by. Closed by its connection's
 * hand-back at the latest; {@code close} is idempotent.
 */
class StatementWrapper implements Statement {

    final ConnectionWrapper connection;
    private final Statement statement;
    /**
     * Result sets still open, closed with this statement; guarded by itself. Made with the first
     * result set (through {@link #RESULT_SETS}), so a statement that returns none allocates no
     * list and takes no lock for it.
     */
    private volatile List<ResultSetWrapper> resultSets;
    private volatile boolean closed;

    private static final VarHandle RESULT_SETS;

    static {
        try {
            RESULT_SETS = MethodHandles.lookup().findVarHandle(StatementWrapper.class, "resultSets", List.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    StatementWrapper(ConnectionWrapper connection, Statement statement) {
        this.connection = connection;
        this.statement = statement;
    }

    /** @return the driver's statement; an error once this statement or its connection is closed */
    Statement delegate() throws SQLException {
        checkOpen();
        return statement;
    }

    final void checkOpen() throws SQLException {
        if (connection.isClosed()) {
            throw connection.closedError();
        }
        if (closed) {
            throw new SQLException("statement is closed", "HY010");
        }
    }

    final SQLException failed(SQLException error) {
        return connection.failed(error);
    }

    final ResultSet resultSet(ResultSet resultSet) {
        if (resultSet == null) {
            return null;
        }
        List<ResultSetWrapper> list = resultSets;
        if (list == null) {
            RESULT_SETS.compareAndSet(this, null, new ArrayList<ResultSetWrapper>());
            list = resultSets; // ours, or the one a racing thread set first
        }
        synchronized (list) {
            // getResultSet() may be called again for the same result: one proxy per driver object.
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i).wraps(resultSet)) {
                    return list.get(i);
                }
            }
            ResultSetWrapper wrapper = new ResultSetWrapper(connection, this, resultSet);
            list.add(wrapper);
            return wrapper;
        }
    }

    final void resultSetClosed(ResultSetWrapper resultSet) {
        List<ResultSetWrapper> list = resultSets;
        if (list == null) {
            return;
        }
        synchronized (list) {
            list.remove(resultSet);
        }
    }

    /** Marks this statement and its result sets closed without calling the driver (after an abort). */
    final void markClosed() {
        closed = true;
        for (ResultSetWrapper resultSet : takeResultSets()) {
            resultSet.markClosed();
        }
    }

    private List<ResultSetWrapper> takeResultSets() {
        return OpenObjects.takeAll(resultSets);
    }

    @Override
    public final void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        connection.closed(this);
        for (ResultSetWrapper resultSet : takeResultSets()) {
            resultSet.markClosed();   // the driver closes a statement's result sets with it
        }
        try {
            statement.close();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public final boolean isClosed() throws SQLException {
        if (closed || connection.isClosed()) {
            return true;
        }
        try {
            return statement.isClosed();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public final Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        Statement s = delegate();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(s)) {
            return iface.cast(s);
        }
        try {
            return s.unwrap(iface);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) throws SQLException {
        Statement s = delegate();
        if (iface.isInstance(this)) {
            return true;
        }
        try {
            return iface.isInstance(s) || s.isWrapperFor(iface);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + statement + "]";
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        try {
            return resultSet(delegate().executeQuery(sql));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        try {
            return delegate().executeUpdate(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        try {
            return delegate().getMaxFieldSize();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        try {
            delegate().setMaxFieldSize(max);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        try {
            return delegate().getMaxRows();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        try {
            delegate().setMaxRows(max);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        try {
            delegate().setEscapeProcessing(enable);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        try {
            return delegate().getQueryTimeout();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        try {
            delegate().setQueryTimeout(seconds);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void cancel() throws SQLException {
        try {
            delegate().cancel();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        try {
            return delegate().getWarnings();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        try {
            delegate().clearWarnings();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        try {
            delegate().setCursorName(name);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        try {
            return delegate().execute(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        try {
            return resultSet(delegate().getResultSet());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getUpdateCount() throws SQLException {
        try {
            return delegate().getUpdateCount();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        try {
            return delegate().getMoreResults();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        try {
            delegate().setFetchDirection(direction);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        try {
            return delegate().getFetchDirection();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        try {
            delegate().setFetchSize(rows);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        try {
            return delegate().getFetchSize();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        try {
            return delegate().getResultSetConcurrency();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getResultSetType() throws SQLException {
        try {
            return delegate().getResultSetType();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        try {
            delegate().addBatch(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        try {
            delegate().clearBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        try {
            return delegate().executeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        try {
            return delegate().getMoreResults(current);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        try {
            return resultSet(delegate().getGeneratedKeys());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        try {
            return delegate().executeUpdate(sql, autoGeneratedKeys);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        try {
            return delegate().executeUpdate(sql, columnIndexes);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        try {
            return delegate().executeUpdate(sql, columnNames);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        try {
            return delegate().execute(sql, autoGeneratedKeys);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        try {
            return delegate().execute(sql, columnIndexes);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        try {
            return delegate().execute(sql, columnNames);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        try {
            return delegate().getResultSetHoldability();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        try {
            delegate().setPoolable(poolable);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean isPoolable() throws SQLException {
        try {
            return delegate().isPoolable();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        try {
            delegate().closeOnCompletion();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        try {
            return delegate().isCloseOnCompletion();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        try {
            return delegate().getLargeUpdateCount();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        try {
            delegate().setLargeMaxRows(max);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        try {
            return delegate().getLargeMaxRows();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        try {
            return delegate().executeLargeBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        try {
            return delegate().executeLargeUpdate(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        try {
            return delegate().executeLargeUpdate(sql, autoGeneratedKeys);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        try {
            return delegate().executeLargeUpdate(sql, columnIndexes);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        try {
            return delegate().executeLargeUpdate(sql, columnNames);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String enquoteLiteral(String val) throws SQLException {
        try {
            return delegate().enquoteLiteral(val);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
        try {
            return delegate().enquoteIdentifier(identifier, alwaysQuote);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean isSimpleIdentifier(String identifier) throws SQLException {
        try {
            return delegate().isSimpleIdentifier(identifier);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String enquoteNCharLiteral(String val) throws SQLException {
        try {
            return delegate().enquoteNCharLiteral(val);
        } catch (SQLException e) {
            throw failed(e);
        }
    }
}
