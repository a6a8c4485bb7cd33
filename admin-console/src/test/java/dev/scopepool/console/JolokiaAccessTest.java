// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static dev.scopepool.console.JolokiaClient.behaviour;
import static dev.scopepool.console.JolokiaClient.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.JolokiaClient.Answer;
import dev.scopepool.console.auth.ConsoleAccounts;
import dev.scopepool.console.demo.DemoPools;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's Jolokia endpoint over HTTP, as scripts and Hawtio's UI use it: locked to
 * users with the admin role, and able to read, operate and tune the live demo pools.
 * Runs without the load generator, so pool numbers only move when a test moves them.
 */
class JolokiaAccessTest {

    private static final String PASSWORD = "test-Passw0rd";
    private static AdminConsole console;
    private static JolokiaClient admin;

    @BeforeAll
    static void startConsole() throws Exception {
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--port", "0", "--password", PASSWORD, "--no-load"},
                Map.of());
        console = AdminConsole.start(options, ConsoleAccounts.admin("admin", PASSWORD)
                .with("viewer", "viewer-pw", Set.of("viewer")));
        admin = JolokiaClient.as(console.url(), "admin", PASSWORD);
    }

    @AfterAll
    static void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    private static void assertRefused(Answer answer) {
        assertTrue(answer.httpStatus() == 401 || answer.httpStatus() == 403, "HTTP " + answer.httpStatus());
        assertFalse(answer.body().contains("orders-db"), answer.body());
    }

    @Test
    void requestsWithoutCredentialsAreRefused() throws Exception {
        assertRefused(JolokiaClient.anonymous(console.url()).read(pool(DemoPools.DATABASE), "Total"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        assertRefused(JolokiaClient.as(console.url(), "admin", "not-" + PASSWORD)
                .read(pool(DemoPools.DATABASE), "Total"));
    }

    @Test
    void anAuthenticatedUserWithoutTheAdminRoleIsRefused() throws Exception {
        assertRefused(JolokiaClient.as(console.url(), "viewer", "viewer-pw").read(pool(DemoPools.DATABASE), "Total"));
    }

    @Test
    void adminReadsTotalAndInUse() throws Exception {
        Answer answer = admin.read(pool(DemoPools.DATABASE), "Total", "InUse");

        assertEquals(200, answer.httpStatus(), answer.body());
        assertEquals(200, answer.jolokiaStatus(), answer.body());
        // Initialised to min (2) before Hawtio started, and nothing borrows without the load generator.
        assertEquals(2, answer.value().path("Total").asInt(-1), answer.body());
        assertEquals(0, answer.value().path("InUse").asInt(-1), answer.body());
    }

    @Test
    void adminRunsCheckHealthAndSeesBrokenResourcesRemoved() throws Exception {
        String workers = pool(DemoPools.WORKERS);
        Answer healthy = admin.exec(workers, "checkHealth");
        assertEquals(200, healthy.jolokiaStatus(), healthy.body());
        assertEquals(0, healthy.value().asInt(-1), healthy.body());

        // What a user does in Hawtio to watch health checks work: break the pool's resources.
        assertEquals(200, admin.write(behaviour(DemoPools.WORKERS), "FailureRate", 1.0).jolokiaStatus());
        try {
            Answer broken = admin.exec(workers, "checkHealth");
            assertEquals(200, broken.jolokiaStatus(), broken.body());
            assertEquals(2, broken.value().asInt(-1), "both idle workers fail: " + broken.body());
            assertTrue(admin.read(workers, "Unhealthy").value().asInt() >= 2);
        } finally {
            assertEquals(200, admin.write(behaviour(DemoPools.WORKERS), "FailureRate", 0.0).jolokiaStatus());
        }
        assertEquals(200, admin.exec(workers, "initialize").jolokiaStatus());
        assertEquals(2, admin.read(workers, "Total").value().asInt(-1));
    }

    @Test
    void adminResizesAndSetsMax() throws Exception {
        String http = pool(DemoPools.HTTP);

        Answer resized = admin.exec(http, "resize", 1, 5);
        assertEquals(200, resized.jolokiaStatus(), resized.body());
        Answer bounds = admin.read(http, "Min", "Max");
        assertEquals(1, bounds.value().path("Min").asInt(-1), bounds.body());
        assertEquals(5, bounds.value().path("Max").asInt(-1), bounds.body());

        Answer written = admin.write(http, "Max", 6);
        assertEquals(200, written.jolokiaStatus(), written.body());
        assertEquals(6, admin.read(http, "Max").value().asInt(-1));

        Answer invalid = admin.write(http, "Max", 0);
        assertNotEquals(200, invalid.jolokiaStatus(), invalid.body());
        assertEquals(6, admin.read(http, "Max").value().asInt(-1), "a refused write changes nothing");
    }
}
