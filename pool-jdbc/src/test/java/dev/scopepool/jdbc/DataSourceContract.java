// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolOverloadedException;
import dev.scopepool.PoolStats;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What the data source promises, checked on a real database: each subclass runs every test on
 * its own ({@link H2DataSourceTest}, {@link PostgresDataSourceTest}). The server's own view
 * (session ids, session counts, killed sessions) is the evidence, not the pool's.
 */
abstract class DataSourceContract {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    static final Duration WAIT = Duration.ofSeconds(30);

    final TestDatabase db;
    private final List<ScopepoolDataSource> dataSources = new ArrayList<>();
    Connection admin;
    private String testName;

    DataSourceContract(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void openAdmin(TestInfo info) throws SQLException {
        admin = db.admin();
        testName = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (ScopepoolDataSource ds : dataSources) {
            ds.close();
        }
        for (ScopepoolDataSource ds : dataSources) {
            Eventually.await(WAIT, "no session of " + ds.name() + " left after close",
                    () -> db.sessions(admin, ds.name()) == 0);
        }
        admin.close();
    }

    /** A builder for a new pool with a unique name; the pool is closed after the test. */
    ScopepoolDataSource.Builder builder() {
        String name = "t" + SEQUENCE.incrementAndGet() + "-" + testName;
        return db.builder(name.length() > 60 ? name.substring(0, 60) : name);
    }

    ScopepoolDataSource open(ScopepoolDataSource.Builder builder) {
        ScopepoolDataSource ds = builder.build();
        dataSources.add(ds);
        return ds;
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        return H2Database.queryLong(c, sql);
    }

    @Test
    void everythingReachedThroughAConnectionLeadsBackToItsProxy() throws SQLException {
        ScopepoolDataSource ds = open(builder());
        try (Connection c = ds.getConnection()) {
            Connection driver = c.unwrap(Connection.class);
            assertSame(c, driver, "unwrap answers for the proxy's own interface");
            assertEquals(ScopepoolDataSource.class.getPackageName(), c.getClass().getPackageName());
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT 1");
            PreparedStatement ps = c.prepareStatement("SELECT 2");
            ResultSet prs = ps.executeQuery();
            CallableStatement cs = c.prepareCall("SELECT 3");
            DatabaseMetaData md = c.getMetaData();
            assertSame(c, s.getConnection());
            assertSame(s, rs.getStatement());
            assertSame(c, ps.getConnection());
            assertSame(ps, prs.getStatement());
            assertSame(c, cs.getConnection());
            assertSame(c, md.getConnection());
            for (Object proxy : List.of(s, rs, ps, prs, cs, md)) {
                assertEquals(ScopepoolDataSource.class.getPackageName(), proxy.getClass().getPackageName(),
                        proxy + " is a proxy");
            }
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));

            Statement again = c.createStatement();
            assertTrue(again.execute("SELECT 4"));
            assertSame(again.getResultSet(), again.getResultSet(), "one proxy per driver result set");
            again.close();
            assertTrue(again.isClosed());
            assertEquals("HY010", assertThrows(SQLException.class, () -> again.execute("SELECT 5")).getSQLState());
        }
    }

    @Test
    void closeIsIdempotentAndEveryLaterCallFailsWith08003() throws SQLException {
        ScopepoolDataSource ds = open(builder());
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        c.close();
        c.close();
        assertTrue(c.isClosed());
        assertFalse(c.isValid(1));
        assertEquals("08003", assertThrows(SQLException.class, c::createStatement).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, c::getAutoCommit).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, () -> c.prepareStatement("SELECT 1")).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, () -> c.unwrap(Connection.class)).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, () -> s.execute("SELECT 1")).getSQLState());
        PoolStats stats = ds.pool().stats();
        assertEquals(1, stats.released(), "handed back once");
        assertEquals(0, stats.inUse());
    }

    @Test
    void afterCloseEveryConnectionMethodButCloseIsClosedAndIsValidThrows08003() throws Exception {
        ScopepoolDataSource ds = open(builder());
        Connection c = ds.getConnection();
        c.close();
        List<String> answered = new ArrayList<>();
        for (java.lang.reflect.Method method : Connection.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers())
                    || List.of("close", "isClosed", "isValid").contains(method.getName())) {
                continue;
            }
            Object[] args = new Object[method.getParameterCount()];
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = !types[i].isPrimitive() ? null : types[i] == boolean.class ? false : 0;
                if (types[i] == java.util.concurrent.Executor.class) {
                    args[i] = (java.util.concurrent.Executor) Runnable::run;
                }
            }
            try {
                method.invoke(c, args);
                answered.add(method.getName() + " returned");
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (!(e.getCause() instanceof SQLException sql) || !"08003".equals(sql.getSQLState())) {
                    answered.add(method.getName() + " threw " + e.getCause());
                }
            }
        }
        assertEquals(List.of(), answered);
    }

    @Test
    void handBackRollsBackUncommittedWork() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1));
        execute(admin, "CREATE TABLE rollback_probe (id INT)");
        long session;
        try (Connection c = ds.getConnection()) {
            session = db.sessionId(c);
            c.setAutoCommit(false);
            execute(c, "INSERT INTO rollback_probe VALUES (1)");
        }
        try (Connection c = ds.getConnection()) {
            assertEquals(session, db.sessionId(c), "the same physical connection");
            assertTrue(c.getAutoCommit(), "auto-commit restored");
            assertEquals(0, count(c, "SELECT COUNT(*) FROM rollback_probe"), "the insert was rolled back, not committed");
        }
        assertEquals(0, count(admin, "SELECT COUNT(*) FROM rollback_probe"));
    }

    @Test
    void handBackClosesStatementsAndResultSetsTheBorrowerLeftOpen() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1));
        Statement s;
        ResultSet rs;
        PreparedStatement ps;
        ResultSet tables;
        Statement driverStatement;
        try (Connection c = ds.getConnection()) {
            s = c.createStatement();
            rs = s.executeQuery("SELECT 1");
            ps = c.prepareStatement("SELECT 2");
            tables = c.getMetaData().getTables(null, null, "%", null);
            driverStatement = ((StatementWrapper) s).delegate();
        }
        assertTrue(s.isClosed());
        assertTrue(rs.isClosed());
        assertTrue(ps.isClosed());
        assertTrue(tables.isClosed());
        assertTrue(driverStatement.isClosed(), "the driver's statement was closed, not just the proxy");
        assertEquals(1, ds.pool().stats().released());
        assertEquals(0, ds.pool().stats().invalidated());
    }

    @Test
    void handBackResetsWhatTheBorrowerChangedSchemaIncluded() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1));
        execute(admin, "CREATE SCHEMA IF NOT EXISTS borrower_schema");
        long session;
        String schema;
        int isolation;
        try (Connection c = ds.getConnection()) {
            session = db.sessionId(c);
            schema = db.currentSchema(c);
            isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            c.setReadOnly(true);
            c.setSchema(db.identifier("borrower_schema"));
            assertEquals("borrower_schema", db.currentSchema(c).toLowerCase());
        }
        try (Connection c = ds.getConnection()) {
            assertEquals(session, db.sessionId(c), "the same physical connection");
            assertTrue(c.getAutoCommit());
            assertEquals(isolation, c.getTransactionIsolation());
            assertFalse(c.isReadOnly());
            assertEquals(schema, db.currentSchema(c), "the next borrower is in the original schema");
        }
    }

    @Test
    void everyBorrowerFindsTheConfiguredState() throws SQLException {
        execute(admin, "CREATE SCHEMA IF NOT EXISTS configured_schema");
        execute(admin, "CREATE SCHEMA IF NOT EXISTS other_schema");
        ScopepoolDataSource ds = open(builder().max(1).autoCommit(false)
                .transactionIsolation(Connection.TRANSACTION_SERIALIZABLE).schema(db.identifier("configured_schema")));
        try (Connection c = ds.getConnection()) {
            assertFalse(c.getAutoCommit());
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
            assertEquals("configured_schema", db.currentSchema(c).toLowerCase());
            c.commit();   // PostgreSQL changes no isolation inside a transaction
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setSchema(db.identifier("other_schema"));
        }
        try (Connection c = ds.getConnection()) {
            assertFalse(c.getAutoCommit());
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
            assertEquals("configured_schema", db.currentSchema(c).toLowerCase());
        }
    }

    @Test
    void aConnectionIsReusedUntilMaxUsesThenClosed() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1).maxUses(2));
        long first;
        try (Connection c = ds.getConnection()) {
            first = db.sessionId(c);
        }
        try (Connection c = ds.getConnection()) {
            assertEquals(first, db.sessionId(c));
        }
        try (Connection c = ds.getConnection()) {
            assertNotEquals(first, db.sessionId(c), "a third loan gets a new connection");
        }
        assertEquals(1, ds.pool().stats().retiredByUses());
    }

    @Test
    void aSessionKilledByTheServerIsDestroyedNotLentAgain() throws Exception {
        ScopepoolDataSource ds = open(builder().max(1));
        long killed;
        try (Connection c = ds.getConnection()) {
            killed = db.sessionId(c);
            db.kill(admin, killed);
            useUntilItFails(c);
        }
        assertEquals(1, ds.pool().stats().invalidated(), "destroyed on hand-back");
        try (Connection c = ds.getConnection()) {
            assertNotEquals(killed, db.sessionId(c));
            assertEquals(1, count(c, "SELECT 1"));
        }
    }

    /** The server may take a moment to end a killed session: use it until it fails, within {@link #WAIT}. */
    static SQLException useUntilItFails(Connection c) {
        return assertThrows(SQLException.class, () -> {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                count(c, "SELECT 1");
            }
        });
    }

    @Test
    void aCancelledStatementDoesNotBreakTheConnection() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1));
        long session;
        try (Connection c = ds.getConnection()) {
            session = db.sessionId(c);
            SQLException e = assertThrows(SQLException.class, () -> db.runUntilCancelled(c));
            assertTrue(e instanceof SQLTimeoutException || "57014".equals(e.getSQLState()), e::toString);
        }
        assertEquals(0, ds.pool().stats().invalidated());
        try (Connection c = ds.getConnection()) {
            assertEquals(session, db.sessionId(c), "still the same session");
        }
    }

    @Test
    void aConstraintViolationDoesNotBreakTheConnection() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1));
        String[] sql = db.constraintViolation("unique_probe");
        long session;
        try (Connection c = ds.getConnection()) {
            session = db.sessionId(c);
            execute(c, sql[0]);
            execute(c, sql[1]);
            SQLException e = assertThrows(SQLException.class, () -> execute(c, sql[2]));
            assertTrue(e.getSQLState().startsWith("23"), e::toString);
        }
        assertEquals(0, ds.pool().stats().invalidated());
        try (Connection c = ds.getConnection()) {
            assertEquals(session, db.sessionId(c));
        }
    }

    @Test
    void abortClosesTheProxyAtOnceAndFreesItsCapacity() throws Exception {
        ScopepoolDataSource ds = open(builder().max(1).acquireTimeout(WAIT));
        Queue<Runnable> executor = new ConcurrentLinkedQueue<>();
        Connection c = ds.getConnection();
        long aborted = db.sessionId(c);
        c.abort(executor::add);
        assertTrue(c.isClosed());
        assertEquals("08003", assertThrows(SQLException.class, c::createStatement).getSQLState());
        c.close();
        assertEquals(1, ds.pool().stats().invalidated(), "a later close does nothing");
        assertEquals(0, ds.pool().stats().released());
        assertEquals(1, executor.size(), "the abort waits on the executor");
        try (Connection next = ds.getConnection()) {
            assertNotEquals(aborted, db.sessionId(next), "capacity freed before the executor ran");
        }
        executor.poll().run();
        Eventually.await(WAIT, "the aborted session ends at the server", () -> !db.isListed(admin, aborted));
    }

    @Test
    void abortWithoutAnExecutorIsRefusedAndTheConnectionStaysUsable() throws SQLException {
        ScopepoolDataSource ds = open(builder());
        try (Connection c = ds.getConnection()) {
            SQLException e = assertThrows(SQLException.class, () -> c.abort(null));
            assertTrue(e.getMessage().contains(ds.name()), e::getMessage);
            assertFalse(c.isClosed());
            assertEquals(1, count(c, "SELECT 1"));
        }
    }

    @Test
    void aConnectionKilledWhileIdleIsReplacedBeforeItIsLent() throws Exception {
        ScopepoolDataSource ds = open(builder().max(1).checkOnAcquire(Duration.ZERO));
        long killed;
        try (Connection c = ds.getConnection()) {
            killed = db.sessionId(c);
        }
        db.kill(admin, killed);
        Eventually.await(WAIT, "the killed session is gone", () -> !db.isListed(admin, killed));
        try (Connection c = ds.getConnection()) {
            assertNotEquals(killed, db.sessionId(c));
            assertEquals(1, count(c, "SELECT 1"));
        }
        assertEquals(1, ds.pool().stats().unhealthy(), "found dead by validation");
    }

    @Test
    void keepaliveFindsAnIdleConnectionTheServerKilledAndReplacesIt() throws Exception {
        ScopepoolDataSource ds = open(builder().min(1).max(1).keepaliveInterval(Duration.ofMillis(100)));
        Eventually.await(WAIT, "the min connection is idle", () -> ds.pool().stats().available() == 1);
        long killed;
        try (Connection c = ds.getConnection()) {
            killed = db.sessionId(c);
        }
        db.kill(admin, killed);
        Eventually.await(WAIT, "keepalive found it dead", () -> ds.pool().stats().unhealthy() == 1);
        Eventually.await(WAIT, "refilled to min", () -> ds.pool().stats().available() == 1);
        try (Connection c = ds.getConnection()) {
            assertNotEquals(killed, db.sessionId(c));
        }
    }

    @Test
    void noConnectionInTimeIsATransientErrorNamingThePoolAndTheWait() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1).acquireTimeout(Duration.ofMillis(150)));
        try (Connection held = ds.getConnection()) {
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                    ds::getConnection);
            assertTrue(e.getMessage().contains(ds.name()), e::getMessage);
            assertTrue(e.getMessage().contains("150 ms"), e::getMessage);
            assertInstanceOf(AcquireTimeoutException.class, e.getCause());
            assertFalse(held.isClosed());
        }
    }

    @Test
    void tooManyWaitersIsATransientErrorAtOnce() throws Exception {
        // No waiter allowed: the one connection is opened in the background first, so taking it needs no wait.
        ScopepoolDataSource ds = open(builder().min(1).max(1).acquireTimeout(WAIT).pool(p -> p.maxWaiters(0)));
        Eventually.await(WAIT, "the min connection is idle", () -> ds.pool().stats().available() == 1);
        try (Connection held = ds.getConnection()) {
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                    ds::getConnection);
            assertTrue(e.getMessage().contains(ds.name()), e::getMessage);
            assertInstanceOf(PoolOverloadedException.class, e.getCause());
            assertEquals(1, ds.pool().stats().rejected());
            assertFalse(held.isClosed(), "the holder keeps its connection");
        }
    }

    @Test
    void aRefusedLoginIsTheDriversErrorWithItsSqlStateAndLeavesNothingOpen() throws SQLException {
        ScopepoolDataSource ds = open(builder().password("not-the-password"));
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertTrue(e.getSQLState().startsWith("28"), "invalid authorization: " + e.getSQLState());
        assertTrue(e.getMessage().contains(ds.name()), e::getMessage);
        assertInstanceOf(SQLException.class, e.getCause(), "the driver's own exception");
        assertEquals(e.getSQLState(), ((SQLException) e.getCause()).getSQLState());
        assertEquals(0, ds.pool().stats().total());
        assertEquals(0, db.sessions(admin, ds.name()));
    }

    @Test
    void aClosedDataSourceAnswers08003() {
        ScopepoolDataSource ds = open(builder());
        ds.close();
        assertEquals("08003", assertThrows(SQLException.class, ds::getConnection).getSQLState());
    }

    @Test
    void neverMoreSessionsThanMaxUnderLoadAndNoneAfterClose() throws Exception {
        int max = 3;
        ScopepoolDataSource ds = open(builder().max(max).acquireTimeout(WAIT));
        int threads = 8;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                results.add(workers.submit(() -> {
                    try (Connection killer = worker == 0 ? db.admin() : null;
                            Connection watcher = worker == 1 ? db.admin() : null) {
                        for (int i = 0; i < 15; i++) {
                            Connection c = ds.getConnection();
                            try {
                                count(c, "SELECT 1");
                                if (watcher != null) {   // while it holds one, so at least one is seen
                                    highest.accumulateAndGet(db.sessions(watcher, ds.name()), Math::max);
                                }
                                if (killer != null && i % 5 == 4) {
                                    db.kill(killer, db.sessionId(c));
                                    useUntilItFails(c);   // seen broken, so destroyed on close
                                } else if (killer != null && i % 5 == 2) {
                                    c.abort(Runnable::run);
                                }
                            } finally {
                                c.close();
                            }
                        }
                        return null;
                    } finally {
                        done.countDown();
                    }
                }));
            }
            try (Connection watcher = db.admin()) {
                while (!done.await(10, TimeUnit.MILLISECONDS)) {
                    highest.accumulateAndGet(db.sessions(watcher, ds.name()), Math::max);
                }
            }
            for (Future<?> result : results) {
                result.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
            assertTrue(workers.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertTrue(highest.get() <= max, "sessions seen at the server: " + highest.get());
        assertTrue(highest.get() >= 1, "the watcher saw the pool's sessions");
        ds.close();
        Eventually.await(WAIT, "no session left after close", () -> db.sessions(admin, ds.name()) == 0);
    }

    @Test
    void aNewConnectionRunsTheInitSqlOnce() throws SQLException {
        execute(admin, "CREATE TABLE init_log (id INT)");
        ScopepoolDataSource ds = open(builder().max(1).connectionInitSql("INSERT INTO init_log VALUES (1)"));
        for (int i = 0; i < 3; i++) {
            try (Connection c = ds.getConnection()) {
                assertEquals(1, count(c, "SELECT COUNT(*) FROM init_log"));
            }
        }
    }

    @Test
    void eachLoanGetsItsOwnProxy() throws SQLException {
        ScopepoolDataSource ds = open(builder().max(1));
        Connection first = ds.getConnection();
        first.close();
        try (Connection second = ds.getConnection()) {
            assertNotSame(first, second);
            assertTrue(first.isClosed(), "closing the old proxy's loan does not reach the new one");
            first.close();
            assertFalse(second.isClosed());
            assertEquals(1, count(second, "SELECT 1"));
        }
    }
}
