// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static java.lang.System.Logger.Level.WARNING;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import java.io.Closeable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A JDBC {@link DataSource} whose connections come from a scopepool pool of physical
 * connections. Built by {@link #builder()}; thread-safe.
 *
 * <p>What a borrower gets and what the pool guarantees:
 * <ul>
 *   <li><b>Proxies.</b> {@link #getConnection()} returns a proxy, never the driver's object;
 *       statements, result sets and metadata reached through it are proxies too, and their
 *       {@code getConnection()}/{@code getStatement()} return the proxies. {@code close()} hands
 *       the connection back and is idempotent; afterwards every method except {@code close},
 *       {@code isClosed} and {@code isValid} ({@code false}) throws SQLState {@code 08003}.</li>
 *   <li><b>Clean hand-back.</b> Uncommitted work is rolled back (before auto-commit is
 *       restored), open statements and result sets are closed, warnings cleared, and
 *       auto-commit, isolation, read-only flag, catalog, schema and network timeout are reset
 *       to the configured values, else to those the connection had when it was opened; only
 *       what the borrower changed is reset. A failure while cleaning up destroys the
 *       connection.</li>
 *   <li><b>Broken connections.</b> An {@link SQLException} from any call that means the
 *       session is gone (SQLState class {@code 08}, {@code 57P01}–{@code 57P03} and the others
 *       of the fatal-error table, or {@code fatalErrors}) marks the connection broken: it is
 *       destroyed when it comes back, never lent again. Timeouts and cancelled statements
 *       ({@code 57014}) and constraint violations do not break it.</li>
 *   <li><b>abort.</b> {@code abort(executor)} closes the proxy at once, takes the physical
 *       connection out of the pool at once (freeing its capacity) and aborts and closes it on
 *       the executor; {@code abort(null)} throws.</li>
 *   <li><b>Validation.</b> A connection idle longer than {@code checkOnAcquire} is checked with
 *       {@code isValid(validationTimeout)} before it is lent; a dead one is destroyed and
 *       another taken or opened, within {@code acquireTimeout}. Idle connections are also
 *       validated every {@code keepaliveInterval}.</li>
 *   <li><b>Errors.</b> No connection within {@code acquireTimeout}, too many waiters, or a
 *       pool that is down: {@link java.sql.SQLTransientConnectionException} naming the pool and
 *       the wait, with the pool's exception as cause and the driver's last error on the cause
 *       chain. A connection the driver refuses: {@link SQLException} with the driver's SQLState
 *       and message. A closed data source: {@code 08003}.</li>
 *   <li><b>Bounds.</b> Never more than {@code max} physical connections open; none after
 *       {@link #close()}.</li>
 * </ul>
 *
 * <p>The pool behind it ({@link #pool()}) is an ordinary scopepool pool: its stats, resize,
 * JMX MXBean, JFR events and Micrometer meters work as for any other.
 */
public final class ScopepoolDataSource implements DataSource, Closeable {

    private static final System.Logger LOG = System.getLogger(ScopepoolDataSource.class.getName());

    private final ResourcePool<Connection> pool;
    private final String name;
    private final PhysicalConnections physicals;
    private final ConnectionOpener opener;
    private final FatalErrors fatalErrors;
    private final DataSource driverDataSource;
    private final Duration acquireTimeout;
    private volatile PrintWriter logWriter;
    private volatile int loginTimeout;
    private volatile String lastValidationFailure;

    private ScopepoolDataSource(Builder b, Driver driver) {
        this.physicals = new PhysicalConnections();
        this.fatalErrors = new FatalErrors(b.fatalErrors);
        this.driverDataSource = b.dataSource;
        this.acquireTimeout = b.acquireTimeout;
        Properties properties = new Properties();
        properties.putAll(b.properties);
        if (b.username != null) {
            properties.setProperty("user", b.username);
        }
        if (b.password != null) {
            properties.setProperty("password", b.password);
        }
        ConnectionOpener.InitialState initial = new ConnectionOpener.InitialState(b.autoCommit,
                b.transactionIsolation, b.readOnly, b.catalog, b.schema, b.connectionInitSql);
        // The pool names itself (pool-N) when no name is given: the opener asks for it when it needs it.
        this.opener = new ConnectionOpener(this::name, driver, b.jdbcUrl, properties,
                b.dataSource, b.username, b.password, initial, physicals);
        int validationSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                (b.validationTimeout.toMillis() + 999) / 1000));
        PoolConfig.Builder<Connection> config = PoolConfig.<Connection>builder()
                .name(b.name)
                .min(b.min)
                .max(b.max)
                .acquireTimeout(b.acquireTimeout)
                .maxLifetime(b.maxLifetime)
                .idleTimeout(b.idleTimeout)
                .maxUses((int) Math.min(Integer.MAX_VALUE, b.maxUses))
                .healthCheck(c -> validate(c, validationSeconds))
                .healthCheckTimeout(b.validationTimeout)
                .healthCheckInterval(b.keepaliveInterval)
                .checkOnAcquire(b.checkOnAcquire)
                .leakDetectionThreshold(b.leakDetectionThreshold);
        if (b.pool != null) {
            b.pool.accept(config);
        }
        // Whatever the user changed, the pool must open and destroy connections through us.
        config.create(opener::open).destroy(this::destroy);
        PoolConfig<Connection> built;
        try {
            built = config.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data source '" + (b.name != null ? b.name : "(unnamed)") + "': "
                    + e.getMessage(), e);
        }
        // Created empty, then given its min: a larger min fills in the background, so build() never
        // waits for the database, and a database that is down fails callers, not the deployment.
        this.pool = ResourcePools.create(built.toBuilder().min(0).build());
        this.name = pool.name();
        if (built.min() > 0) {
            pool.resize(built.min(), built.max());
        }
    }

    /**
     * The pool's health check: the driver's {@code isValid}, its failure told in words and
     * remembered, so a caller who times out because no connection passes learns why.
     */
    private HealthCheckResult validate(Connection connection, int seconds) {
        String failure;
        try {
            if (connection.isValid(seconds)) {
                lastValidationFailure = null;
                return HealthCheckResult.ok();
            }
            failure = "connection validation: isValid(" + seconds + ") returned false";
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            failure = "connection validation: isValid(" + seconds + ") threw " + e;
        }
        lastValidationFailure = failure;
        return HealthCheckResult.unhealthy(failure);
    }

    /** @return a builder with every default: max 10, acquireTimeout 30 s, maxLifetime 30 min, … */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the pool's name (the configured one, else the {@code pool-N} it was given) */
    public String name() {
        return name;
    }

    /** @return the pool behind this data source: stats, resize, JMX, Micrometer and JFR as for any pool */
    public ResourcePool<?> pool() {
        return pool;
    }

    FatalErrors fatalErrors() {
        return fatalErrors;
    }

    /**
     * Borrows a connection, waiting up to {@code acquireTimeout}.
     *
     * @return a proxy; its {@code close()} hands the connection back
     * @throws java.sql.SQLTransientConnectionException if none became available in time, too
     *         many callers wait, or the pool is down
     * @throws SQLException with the driver's SQLState if the driver refused this caller's new
     *         connection; {@code 08003} if this data source is closed
     */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection;
        try {
            connection = pool.acquire();
        } catch (InterruptedException e) {
            throw AcquireErrors.interrupted(name, e);
        } catch (RuntimeException e) {
            throw AcquireErrors.translate(name, acquireTimeout, pool.stats(), e, opener.lastFailure(),
                    lastValidationFailure);
        }
        PhysicalConnection physical = physicals.get(connection);
        if (physical == null) {
            // Only a create replaced through pool(...) can lend a connection we did not open.
            pool.invalidate(connection);
            throw new SQLException("pool '" + name + "' lent a connection it did not open", "08003");
        }
        return new ConnectionWrapper(this, physical);
    }

    /**
     * Not supported: every connection of a pool is opened with the configured credentials.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("pool '" + name
                + "' opens every connection with its configured credentials; use getConnection()");
    }

    /** Called once per loan by its proxy: release a reusable connection, destroy any other. */
    void handBack(Connection connection, boolean reusable) {
        try {
            if (reusable) {
                pool.release(connection);
            } else {
                pool.invalidate(connection);
            }
        } catch (RuntimeException e) {
            LOG.log(WARNING, () -> "pool '" + name + "': handing a connection back failed", e);
        }
    }

    private void destroy(Connection connection) {
        PhysicalConnection physical = physicals.remove(connection);
        if (physical != null) {
            physical.destroy(name);
        } else {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(WARNING, () -> "pool '" + name + "': closing a connection failed", e);
            }
        }
    }

    /** Closes the pool, and so every physical connection (borrowed ones after its shutdownTimeout). */
    @Override
    public void close() {
        pool.close();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Kept for callers that read it back; the pool waits {@code acquireTimeout}. */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger(ScopepoolDataSource.class.getPackageName());
    }

    /** Answers for this class's own interfaces, else for the driver's {@code DataSource} it was built with. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (driverDataSource != null) {
            if (iface.isInstance(driverDataSource)) {
                return iface.cast(driverDataSource);
            }
            return driverDataSource.unwrap(iface);
        }
        throw new SQLException("data source '" + name + "' does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || (driverDataSource != null
                && (iface.isInstance(driverDataSource) || driverDataSource.isWrapperFor(iface)));
    }

    @Override
    public String toString() {
        return "ScopepoolDataSource[" + name + "]";
    }

    /**
     * Builds a {@link ScopepoolDataSource}. {@link #build()} checks every value and throws
     * {@link IllegalArgumentException} naming the field and the value (never the password).
     * Not thread-safe.
     */
    public static final class Builder {

        private String name;
        private String jdbcUrl;
        private DataSource dataSource;
        private String username;
        private String password;
        private final Properties properties = new Properties();
        private int min = 0;
        private int max = 10;
        private Duration acquireTimeout = Duration.ofSeconds(30);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private long maxUses = 0;
        private Duration checkOnAcquire = Duration.ofMillis(500);
        private Duration validationTimeout = Duration.ofSeconds(5);
        private Duration keepaliveInterval = Duration.ofMinutes(2);
        private Duration leakDetectionThreshold = Duration.ZERO;
        private Boolean autoCommit;
        private Integer transactionIsolation;
        private Boolean readOnly;
        private String catalog;
        private String schema;
        private String connectionInitSql;
        private Predicate<SQLException> fatalErrors;
        private Consumer<PoolConfig.Builder<Connection>> pool;

        private Builder() {
        }

        /** @param name the pool's name, as {@code PoolConfig.name}; unnamed pools are {@code pool-N} */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @param jdbcUrl the driver's URL; exactly one of {@code jdbcUrl} and {@link #dataSource} */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** @param dataSource a driver's {@code DataSource} to pool connections of */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** @param username the user every connection logs in as; none: the driver's default */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** @param password that user's password; never shown in messages or {@code toString()} */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** A driver property, passed with {@code jdbcUrl} (e.g. {@code sslmode}). */
        public Builder property(String key, String value) {
            if (key == null || value == null) {
                throw new IllegalArgumentException("property: key and value must not be null, was " + key);
            }
            properties.setProperty(key, value);
            return this;
        }

        /** @param min connections kept open, default 0 */
        public Builder min(int min) {
            this.min = min;
            return this;
        }

        /** @param max physical connections at most, default 10 */
        public Builder max(int max) {
            this.max = max;
            return this;
        }

        /** @param acquireTimeout how long {@code getConnection()} waits, default 30 s */
        public Builder acquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = acquireTimeout;
            return this;
        }

        /** @param maxLifetime a connection is retired after about this long (minus up to 10 %), default 30 min; 0: never */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /** @param idleTimeout an idle connection above {@code min} is closed after this, default 10 min; 0: never */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** @param maxUses a connection is closed after this many loans; 0 (default): unlimited */
        public Builder maxUses(long maxUses) {
            this.maxUses = maxUses;
            return this;
        }

        /** @param checkOnAcquire a connection idle longer than this is validated before it is lent, default 500 ms; null: never */
        public Builder checkOnAcquire(Duration checkOnAcquire) {
            this.checkOnAcquire = checkOnAcquire;
            return this;
        }

        /** @param validationTimeout the bound of a validation ({@code isValid} in whole seconds, at least 1), default 5 s */
        public Builder validationTimeout(Duration validationTimeout) {
            this.validationTimeout = validationTimeout;
            return this;
        }

        /** @param keepaliveInterval idle connections are validated this often, default 2 min */
        public Builder keepaliveInterval(Duration keepaliveInterval) {
            this.keepaliveInterval = keepaliveInterval;
            return this;
        }

        /** @param leakDetectionThreshold a connection borrowed longer is logged with its borrower's stack; 0 (default): off */
        public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
            this.leakDetectionThreshold = leakDetectionThreshold;
            return this;
        }

        /** @param autoCommit the auto-commit every borrower finds; unset: the driver's default */
        public Builder autoCommit(boolean autoCommit) {
            this.autoCommit = autoCommit;
            return this;
        }

        /** @param transactionIsolation a {@code Connection.TRANSACTION_*} level; unset: the driver's default */
        public Builder transactionIsolation(int transactionIsolation) {
            this.transactionIsolation = transactionIsolation;
            return this;
        }

        /** @param readOnly the read-only flag every borrower finds; unset: the driver's default */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** @param catalog the catalog every borrower finds; unset: the connection's own, restored all the same */
        public Builder catalog(String catalog) {
            this.catalog = catalog;
            return this;
        }

        /** @param schema the schema every borrower finds; unset: the connection's own, restored all the same */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** @param connectionInitSql run once on each new connection (committed), before its state is recorded */
        public Builder connectionInitSql(String connectionInitSql) {
            this.connectionInitSql = connectionInitSql;
            return this;
        }

        /** @param fatalErrors errors that break a connection besides the built-in table */
        public Builder fatalErrors(Predicate<SQLException> fatalErrors) {
            this.fatalErrors = fatalErrors;
            return this;
        }

        /**
         * Any other pool setting (listeners, {@code maxWaiters}, {@code failFastAfter},
         * {@code jmx}, …), applied after this builder's; {@code create} and {@code destroy}
         * always stay the data source's own.
         */
        public Builder pool(Consumer<PoolConfig.Builder<Connection>> pool) {
            this.pool = pool;
            return this;
        }

        /**
         * @return a data source over a new pool (connections are opened on demand, or up to
         *         {@code min} in the background)
         * @throws IllegalArgumentException naming the field and the value that break a rule
         */
        public ScopepoolDataSource build() {
            String which = "data source '" + (name != null ? name : "(unnamed)") + "': ";
            if ((jdbcUrl == null) == (dataSource == null)) {
                throw new IllegalArgumentException(which + "exactly one of jdbcUrl and dataSource must be set, was "
                        + (jdbcUrl == null ? "neither" : "both"));
            }
            Driver driver = null;
            if (jdbcUrl != null) {
                if (!jdbcUrl.startsWith("jdbc:")) {
                    throw new IllegalArgumentException(which + "jdbcUrl must start with 'jdbc:', was '" + jdbcUrl + "'");
                }
                driver = driverFor(jdbcUrl);
                if (driver == null) {
                    throw new IllegalArgumentException(which + "jdbcUrl: no JDBC driver on the class path accepts '"
                            + jdbcUrl + "'");
                }
            } else if (!properties.isEmpty()) {
                throw new IllegalArgumentException(which + "property: driver properties go with jdbcUrl;"
                        + " set them on the dataSource, was " + properties.stringPropertyNames());
            }
            if (max < 1) {
                throw new IllegalArgumentException(which + "max must be >= 1, was " + max);
            }
            if (min < 0 || min > max) {
                throw new IllegalArgumentException(which + "min must be >= 0 and <= max (" + max + "), was " + min);
            }
            notNegative(which, "acquireTimeout", acquireTimeout);
            notNegative(which, "maxLifetime", maxLifetime);
            notNegative(which, "idleTimeout", idleTimeout);
            if (maxUses < 0) {
                throw new IllegalArgumentException(which + "maxUses must be >= 0, was " + maxUses);
            }
            if (checkOnAcquire != null) {
                notNegative(which, "checkOnAcquire", checkOnAcquire);
            }
            positive(which, "validationTimeout", validationTimeout);
            positive(which, "keepaliveInterval", keepaliveInterval);
            notNegative(which, "leakDetectionThreshold", leakDetectionThreshold);
            if (transactionIsolation != null && !isIsolationLevel(transactionIsolation)) {
                throw new IllegalArgumentException(which + "transactionIsolation must be one of Connection's"
                        + " TRANSACTION_* levels (0, 1, 2, 4, 8), was " + transactionIsolation);
            }
            return new ScopepoolDataSource(this, driver);
        }

        private static boolean isIsolationLevel(int level) {
            return level == Connection.TRANSACTION_NONE || level == Connection.TRANSACTION_READ_UNCOMMITTED
                    || level == Connection.TRANSACTION_READ_COMMITTED || level == Connection.TRANSACTION_REPEATABLE_READ
                    || level == Connection.TRANSACTION_SERIALIZABLE;
        }

        private static void notNegative(String which, String field, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(which + field + " must be >= 0, was " + value);
            }
        }

        private static void positive(String which, String field, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(which + field + " must be > 0, was " + value);
            }
        }

        /** The registered drivers first, then those the context class loader can find. */
        private static Driver driverFor(String url) {
            try {
                return DriverManager.getDriver(url);
            } catch (SQLException notRegistered) {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                for (Driver candidate : ServiceLoader.load(Driver.class, loader)) {
                    try {
                        if (candidate.acceptsURL(url)) {
                            return candidate;
                        }
                    } catch (SQLException ignored) {
                        // a driver that cannot judge the URL does not take it
                    }
                }
                return null;
            }
        }
    }
}
