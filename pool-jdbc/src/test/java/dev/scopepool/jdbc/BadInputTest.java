// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolListener;
import dev.scopepool.ResourceCreationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user who got something wrong sees: an exception that names the pool and the problem,
 * and nothing left open at the server.
 */
@ExtendWith(PostgresSupport.class)
class BadInputTest {

    private final PostgresDatabase db = new PostgresDatabase();
    private final PostgresServer server = PostgresServer.shared();
    private Connection admin;

    @BeforeEach
    void openAdmin() throws SQLException {
        admin = db.admin();
    }

    @AfterEach
    void closeAdmin() throws SQLException {
        admin.close();
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    @Test
    void aWrongPasswordIsTheDriversErrorNamingThePoolAndLeavesNoSession() throws SQLException {
        try (ScopepoolDataSource ds = db.builder("wrong-password").password("not-the-password")
                .acquireTimeout(Duration.ofSeconds(10)).build()) {
            SQLException e = assertThrows(SQLException.class, ds::getConnection);
            assertEquals("28P01", e.getSQLState(), e::toString);
            assertTrue(e.getMessage().contains("wrong-password"), e::getMessage);
            assertTrue(e.getMessage().contains("password authentication failed"), e::getMessage);
            assertEquals(0, ds.pool().stats().total());
        }
        assertEquals(0, db.sessions(admin, "wrong-password"));
    }

    @Test
    void anUnknownDatabaseIsTheDriversError() throws SQLException {
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().name("unknown-db")
                .jdbcUrl(server.jdbcUrl("no_such_database")).username(PostgresServer.USER)
                .password(PostgresServer.PASSWORD).build()) {
            SQLException e = assertThrows(SQLException.class, ds::getConnection);
            assertEquals("3D000", e.getSQLState(), e::toString);
            assertTrue(e.getMessage().contains("unknown-db") && e.getMessage().contains("no_such_database"),
                    e::getMessage);
        }
    }

    @Test
    void anUnreachableServerIsAConnectionErrorNamingThePool() throws IOException, SQLException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().name("unreachable")
                .jdbcUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres").username("u").password("p")
                .pool(p -> p.failFastAfter(1)).build()) {
            SQLException first = assertThrows(SQLException.class, ds::getConnection);
            assertEquals("08001", first.getSQLState(), first::toString);
            assertTrue(first.getMessage().contains("unreachable"), first::getMessage);

            // Down after that failure: the next caller is told at once, with the driver's error in the chain.
            SQLTransientConnectionException down = assertThrows(SQLTransientConnectionException.class,
                    ds::getConnection);
            assertTrue(down.getMessage().contains("unreachable"), down::getMessage);
            assertInstanceOf(ResourceCreationException.class, down.getCause());
            assertTrue(messages(down).contains("Connection to 127.0.0.1:" + closedPort + " refused"),
                    () -> messages(down));
            assertEquals("08001", down.getSQLState());
        }
    }

    @Test
    void maxZeroIsRefusedNamingThePoolAndTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> db.builder("max-zero").max(0).build());
        assertTrue(e.getMessage().contains("max-zero") && e.getMessage().contains("max must be >= 1, was 0"),
                e::getMessage);
    }

    @Test
    void abortWithoutAnExecutorNamesThePoolAndLeavesTheConnectionLent() throws SQLException {
        try (ScopepoolDataSource ds = db.builder("abort-null").build()) {
            try (Connection c = ds.getConnection()) {
                SQLException e = assertThrows(SQLException.class, () -> c.abort(null));
                assertTrue(e.getMessage().contains("abort-null") && e.getMessage().contains("executor"),
                        e::getMessage);
                assertFalse(c.isClosed());
                assertEquals(1, ds.pool().stats().inUse());
            }
            assertEquals(1, db.sessions(admin, "abort-null"), "returned, still open");
        }
    }

    @Test
    void aDriverThatThrowsOnIsValidIsToldToTheCallerWhoseWaitItSpoiled() throws SQLException {
        RecordingDriver driver = new RecordingDriver("throws-on-isvalid");
        driver.failing.add("isValid");
        List<String> failures = new CopyOnWriteArrayList<>();
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder().name("isvalid-throws").max(2)
                .dataSource(driver.dataSource()).checkOnAcquire(Duration.ZERO)
                .acquireTimeout(Duration.ofSeconds(2))
                .pool(p -> p.listener(new PoolListener() {
                    @Override
                    public void healthCheckFailed(String pool, String message) {
                        failures.add(pool + ": " + message);
                    }
                })).build()) {
            // Every connection fails validation: the caller waits out its timeout and learns why.
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                    ds::getConnection);
            assertTrue(e.getMessage().contains("isvalid-throws") && e.getMessage().contains("isValid(5) threw")
                    && e.getMessage().contains("driver cannot isValid"), e::getMessage);
            assertTrue(ds.pool().stats().unhealthy() >= 1);
            assertTrue(failures.get(0).startsWith("isvalid-throws: connection validation: isValid(5) threw"),
                    failures::toString);
        }
        try (Connection h2Admin = driver.direct()) {
            assertEquals(1, DataSourceContract.count(h2Admin, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"),
                    "only this check's own session is left");
        }
    }
}
