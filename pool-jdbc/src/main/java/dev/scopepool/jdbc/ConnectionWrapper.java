// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static java.lang.System.Logger.Level.WARNING;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * What {@code ScopepoolDataSource.getConnection()} returns: one borrower's view of a pooled
 * physical connection, for one loan.
 *
 * <p>It delegates every call to the driver's connection, and
 * <ul>
 *   <li>wraps the statements, result sets and metadata it hands out, so their
 *       {@code getConnection()} is this object, and remembers them to close them on hand-back;</li>
 *   <li>records which of {@code autoCommit}, isolation, read-only flag, catalog, schema and
 *       network timeout the borrower set ("dirty" bits, as HikariCP keeps them), so the
 *       hand-back resets only those;</li>
 *   <li>looks at every {@link SQLException} a call throws, and marks the connection broken when
 *       {@link FatalErrors} says so: it is then destroyed, not returned, on close.</li>
 * </ul>
 *
 * <p>{@link #close()} hands the connection back once; later calls do nothing. After close, or
 * {@link #abort}, every method but {@code close}, {@code isClosed} and {@code isValid} (then
 * {@code false}) throws {@link SQLException} with SQLState {@code 08003}. Meant for one thread
 * at a time, as JDBC connections are, except that {@code close} and {@code abort} may race from
 * another thread: exactly one of them ends the loan.
 */
final class ConnectionWrapper implements Connection {

    private static final System.Logger LOG = System.getLogger(ConnectionWrapper.class.getName());

    private static final int AUTO_COMMIT = 1;
    private static final int ISOLATION = 1 << 1;
    private static final int READ_ONLY = 1 << 2;
    private static final int CATALOG = 1 << 3;
    private static final int SCHEMA = 1 << 4;
    private static final int NETWORK_TIMEOUT = 1 << 5;

    /** Restoring the network timeout needs an executor; the drivers use it only for their own timer. */
    private static final Executor CALLER_RUNS = Runnable::run;

    private static final VarHandle CLOSED;
    private static final VarHandle OPEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSED = lookup.findVarHandle(ConnectionWrapper.class, "closed", boolean.class);
            OPEN = lookup.findVarHandle(ConnectionWrapper.class, "open", List.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ScopepoolDataSource dataSource;
    private final PhysicalConnection physical;
    private final Connection connection;
    /** Set once, by the one close or abort that ends the loan (through {@link #CLOSED}). */
    private volatile boolean closed;
    /**
     * Statements and metadata result sets still open, closed on hand-back; guarded by itself.
     * Made with the first statement (through {@link #OPEN}): a loan that opens none, the common
     * {@code getConnection()}/{@code close()}, allocates no list and takes no lock for it.
     */
    private volatile List<AutoCloseable> open;
    private volatile boolean broken;
    private int dirty;
    private boolean autoCommit;
    private int transactionIsolation;
    private boolean readOnly;
    private String catalog;
    private String schema;
    private int networkTimeout;

    ConnectionWrapper(ScopepoolDataSource dataSource, PhysicalConnection physical) {
        this.dataSource = dataSource;
        this.physical = physical;
        this.connection = physical.connection();
        this.autoCommit = physical.autoCommit();
    }

    /** @return the driver's connection; {@code 08003} once this loan has ended */
    Connection delegate() throws SQLException {
        if (closed) {
            throw closedError();
        }
        return connection;
    }

    SQLException closedError() {
        return new SQLException("connection from pool '" + dataSource.name() + "' is closed", "08003");
    }

    /**
     * Every {@link SQLException} from a call through this loan, its statements, result sets
     * and metadata passes here: a fatal one marks the connection broken.
     *
     * @return {@code error}, to be thrown by the caller
     */
    SQLException failed(SQLException error) {
        if (!broken && !closed && dataSource.fatalErrors().breaksConnection(error)) {
            broken = true;
        }
        return error;
    }

    /**
     * Ends the loan and hands the connection back: its statements and result sets closed, then
     * {@link #resetForNextBorrower()}. A broken connection, or one whose clean-up failed, is
     * destroyed instead. Never throws.
     */
    @Override
    public void close() {
        if (!CLOSED.compareAndSet(this, false, true)) {
            return;
        }
        boolean reusable = closeOpenResources() && !broken;
        if (reusable) {
            try {
                resetForNextBorrower();
            } catch (SQLException | RuntimeException e) {
                LOG.log(WARNING, () -> "pool '" + dataSource.name()
                        + "': cleaning a connection up on hand-back failed; it is closed, not reused", e);
                reusable = false;
            }
        }
        if (!reusable) {
            // Closed before the pool frees its capacity, so its replacement never meets it at the server.
            physical.closeNow(dataSource.name());
        }
        dataSource.handBack(connection, reusable);
    }

    /**
     * Puts the physical connection back into the pool's state, changing only what this
     * borrower changed (a connection the driver reports closed fails here, so it is destroyed): uncommitted work is rolled back first (restoring auto-commit would
     * commit it), then auto-commit, isolation, read-only flag, catalog, schema and network
     * timeout get the pool's values (committed, when the pool's connections do not
     * auto-commit), and warnings are cleared.
     */
    private void resetForNextBorrower() throws SQLException {
        if (connection.isClosed()) {
            // The driver knows its session is gone, whatever error (if any) the borrower saw.
            throw new SQLException("the driver's connection is closed", "08003");
        }
        if (!autoCommit) {
            connection.rollback();
        }
        boolean restored = false;
        if ((dirty & AUTO_COMMIT) != 0 && autoCommit != physical.autoCommit()) {
            connection.setAutoCommit(physical.autoCommit());
        }
        if ((dirty & ISOLATION) != 0 && transactionIsolation != physical.transactionIsolation()) {
            connection.setTransactionIsolation(physical.transactionIsolation());
            restored = true;
        }
        if ((dirty & READ_ONLY) != 0 && readOnly != physical.readOnly()) {
            connection.setReadOnly(physical.readOnly());
            restored = true;
        }
        if ((dirty & CATALOG) != 0 && physical.catalog() != null && !Objects.equals(catalog, physical.catalog())) {
            connection.setCatalog(physical.catalog());
            restored = true;
        }
        if ((dirty & SCHEMA) != 0 && physical.schema() != null && !Objects.equals(schema, physical.schema())) {
            connection.setSchema(physical.schema());
            restored = true;
        }
        if ((dirty & NETWORK_TIMEOUT) != 0 && physical.networkTimeout() >= 0
                && networkTimeout != physical.networkTimeout()) {
            connection.setNetworkTimeout(CALLER_RUNS, physical.networkTimeout());
        }
        if (restored && !physical.autoCommit()) {
            // Some databases (PostgreSQL) make a SET part of the transaction: keep the restored values.
            connection.commit();
        }
        connection.clearWarnings();
        dirty = 0;
    }

    /** @return whether every one closed cleanly; a failure leaves the connection in doubt */
    private boolean closeOpenResources() {
        List<AutoCloseable> toClose = takeOpen();
        boolean clean = true;
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                clean = false;
                LOG.log(WARNING, () -> "pool '" + dataSource.name() + "': closing a statement on hand-back failed", e);
            }
        }
        return clean;
    }

    /** @return what was still open, now forgotten; empty if nothing was ever opened */
    private List<AutoCloseable> takeOpen() {
        return OpenObjects.takeAll(open);
    }

    void opened(AutoCloseable resource) {
        List<AutoCloseable> list = open;
        if (list == null) {
            OPEN.compareAndSet(this, null, new ArrayList<AutoCloseable>());
            list = open; // ours, or the one a racing thread set first
        }
        synchronized (list) {
            list.add(resource);
        }
    }

    void closed(AutoCloseable resource) {
        List<AutoCloseable> list = open;
        if (list == null) {
            return;
        }
        synchronized (list) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (list.get(i) == resource) {
                    list.remove(i);
                    return;
                }
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (closed) {
            return false;
        }
        try {
            return connection.isValid(timeout);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Ends the loan at once: this proxy is closed (a later {@code close} does nothing), the
     * physical connection leaves the pool now, freeing its capacity, and is aborted and closed
     * on {@code executor}, whatever the driver's own {@code abort} does.
     *
     * @throws SQLException if {@code executor} is {@code null}; {@code 08003} if the loan already
     *         ended (closed or aborted)
     */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("pool '" + dataSource.name() + "': abort needs an executor, was null", "HY009");
        }
        if (!CLOSED.compareAndSet(this, false, true)) {
            throw closedError();
        }
        List<AutoCloseable> abandoned = takeOpen();
        for (AutoCloseable resource : abandoned) {
            if (resource instanceof StatementWrapper statement) {
                statement.markClosed();
            } else if (resource instanceof ResultSetWrapper resultSet) {
                resultSet.markClosed();
            }
        }
        physical.abortOn(executor);
        dataSource.handBack(connection, false);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        Connection c = delegate();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(c)) {
            return iface.cast(c);
        }
        try {
            return c.unwrap(iface);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        Connection c = delegate();
        if (iface.isInstance(this)) {
            return true;
        }
        try {
            return iface.isInstance(c) || c.isWrapperFor(iface);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        try {
            delegate().setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw failed(e);
        }
        this.autoCommit = autoCommit;
        dirty |= AUTO_COMMIT;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        try {
            delegate().setTransactionIsolation(level);
        } catch (SQLException e) {
            throw failed(e);
        }
        this.transactionIsolation = level;
        dirty |= ISOLATION;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        try {
            delegate().setReadOnly(readOnly);
        } catch (SQLException e) {
            throw failed(e);
        }
        this.readOnly = readOnly;
        dirty |= READ_ONLY;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        try {
            delegate().setCatalog(catalog);
        } catch (SQLException e) {
            throw failed(e);
        }
        this.catalog = catalog;
        dirty |= CATALOG;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        try {
            delegate().setSchema(schema);
        } catch (SQLException e) {
            throw failed(e);
        }
        this.schema = schema;
        dirty |= SCHEMA;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        try {
            delegate().setNetworkTimeout(executor, milliseconds);
        } catch (SQLException e) {
            throw failed(e);
        }
        this.networkTimeout = milliseconds;
        dirty |= NETWORK_TIMEOUT;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed) {
            throw clientInfoClosed();
        }
        connection.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed) {
            throw clientInfoClosed();
        }
        connection.setClientInfo(properties);
    }

    private SQLClientInfoException clientInfoClosed() {
        SQLException closedError = closedError();
        return new SQLClientInfoException(closedError.getMessage(), closedError.getSQLState(), 0,
                Map.<String, ClientInfoStatus>of(), closedError);
    }

    private Statement statement(Statement statement) {
        StatementWrapper wrapper = new StatementWrapper(this, statement);
        opened(wrapper);
        return wrapper;
    }

    private PreparedStatement preparedStatement(PreparedStatement statement) {
        PreparedStatementWrapper wrapper = new PreparedStatementWrapper(this, statement);
        opened(wrapper);
        return wrapper;
    }

    private CallableStatement callableStatement(CallableStatement statement) {
        CallableStatementWrapper wrapper = new CallableStatementWrapper(this, statement);
        opened(wrapper);
        return wrapper;
    }

    private DatabaseMetaData metaData(DatabaseMetaData metaData) {
        return new DatabaseMetaDataWrapper(this, metaData);
    }

    @Override
    public String toString() {
        return "ConnectionWrapper[pool=" + dataSource.name() + ", " + connection + (closed ? ", closed]" : "]");
    }

    @Override
    public Statement createStatement() throws SQLException {
        try {
            return statement(delegate().createStatement());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        try {
            return preparedStatement(delegate().prepareStatement(sql));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        try {
            return callableStatement(delegate().prepareCall(sql));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        try {
            return delegate().nativeSQL(sql);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        try {
            return delegate().getAutoCommit();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void commit() throws SQLException {
        try {
            delegate().commit();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void rollback() throws SQLException {
        try {
            delegate().rollback();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        try {
            return metaData(delegate().getMetaData());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        try {
            return delegate().isReadOnly();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        try {
            return delegate().getCatalog();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        try {
            return delegate().getTransactionIsolation();
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
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        try {
            return statement(delegate().createStatement(resultSetType, resultSetConcurrency));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        try {
            return preparedStatement(delegate().prepareStatement(sql, resultSetType, resultSetConcurrency));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        try {
            return callableStatement(delegate().prepareCall(sql, resultSetType, resultSetConcurrency));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        try {
            return delegate().getTypeMap();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> map) throws SQLException {
        try {
            delegate().setTypeMap(map);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        try {
            delegate().setHoldability(holdability);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        try {
            return delegate().getHoldability();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        try {
            return delegate().setSavepoint();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        try {
            return delegate().setSavepoint(name);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        try {
            delegate().rollback(savepoint);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        try {
            delegate().releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        try {
            return statement(delegate().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        try {
            return preparedStatement(delegate().prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        try {
            return callableStatement(delegate().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        try {
            return preparedStatement(delegate().prepareStatement(sql, autoGeneratedKeys));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        try {
            return preparedStatement(delegate().prepareStatement(sql, columnIndexes));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        try {
            return preparedStatement(delegate().prepareStatement(sql, columnNames));
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Clob createClob() throws SQLException {
        try {
            return delegate().createClob();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Blob createBlob() throws SQLException {
        try {
            return delegate().createBlob();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public NClob createNClob() throws SQLException {
        try {
            return delegate().createNClob();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        try {
            return delegate().createSQLXML();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        try {
            return delegate().getClientInfo(name);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        try {
            return delegate().getClientInfo();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        try {
            return delegate().createArrayOf(typeName, elements);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        try {
            return delegate().createStruct(typeName, attributes);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public String getSchema() throws SQLException {
        try {
            return delegate().getSchema();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        try {
            return delegate().getNetworkTimeout();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void beginRequest() throws SQLException {
        try {
            delegate().beginRequest();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void endRequest() throws SQLException {
        try {
            delegate().endRequest();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
        try {
            return delegate().setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
        try {
            return delegate().setShardingKeyIfValid(shardingKey, timeout);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
        try {
            delegate().setShardingKey(shardingKey, superShardingKey);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        try {
            delegate().setShardingKey(shardingKey);
        } catch (SQLException e) {
            throw failed(e);
        }
    }
}
