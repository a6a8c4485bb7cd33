// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class DemoBehaviourTest {

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void invalidValuesAreRefusedAndChangeNothing() {
        DemoBehaviour behaviour = new DemoBehaviour("b", 5, 0.5);

        assertThrows(IllegalArgumentException.class, () -> behaviour.setFailureRate(1.5));
        assertThrows(IllegalArgumentException.class, () -> behaviour.setFailureRate(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> behaviour.setLatencyMillis(-1));

        assertEquals(0.5, behaviour.getFailureRate());
        assertEquals(5, behaviour.getLatencyMillis());
    }

    @Test
    void failureRateOneBreaksCreationOperationsAndHealth() throws InterruptedException {
        DemoBehaviour behaviour = new DemoBehaviour("b", 0, 0);
        SimulatedHttpClient client = new SimulatedHttpClient(behaviour);
        assertEquals(200, client.get("/"));
        assertTrue(client.isHealthy());

        behaviour.setFailureRate(1);

        assertThrows(SimulatedFailureException.class, () -> new SimulatedWorker(behaviour));
        assertThrows(SimulatedFailureException.class, () -> client.get("/"));
        behaviour.setFailureRate(0);
        assertFalse(client.isHealthy(), "a client that failed stays broken");
    }

    @Test
    void theDatabasePoolsConnectionsRunRealSqlAndTheFailureSwitchKillsTheirSession() throws Exception {
        DemoBehaviour behaviour = new DemoBehaviour("db", 0, 0);
        try (DemoDatabase database = new DemoDatabase()) {
            DatabaseConnection connection = new DatabaseConnection(behaviour, database);
            DatabaseConnection other = new DatabaseConnection(behaviour, database);
            long total = connection.queryRandomOrder();
            assertTrue(total >= 125 && total <= DemoDatabase.ORDERS * 125L, "an order's total in cents: " + total);
            assertTrue(connection.isHealthy());

            behaviour.setFailureRate(1);
            SimulatedFailureException killed = assertThrows(SimulatedFailureException.class,
                    connection::queryRandomOrder);
            behaviour.setFailureRate(0);
            assertTrue(killed.getMessage().contains("query failed"), killed::getMessage);
            assertFalse(connection.isHealthy(), "its session is gone at the database");
            assertTrue(other.queryRandomOrder() > 0, "other sessions live on");
            connection.close();
            other.close();
        }
    }

    @Test
    void closedResourcesAreUnhealthyAndUnusable() throws InterruptedException {
        SimulatedHttpClient client = new SimulatedHttpClient(new DemoBehaviour("b", 0, 0));

        client.close();

        assertFalse(client.isHealthy());
        assertThrows(IllegalStateException.class, () -> client.get("/"));
    }

    @Test
    void knobsAreWritableOverJmxWhileRegistered() throws Exception {
        DemoBehaviour behaviour = new DemoBehaviour("knobs-test", 10, 0);
        ObjectName name = DemoBehaviour.objectName("knobs-test");
        behaviour.register();
        try {
            jmx.setAttribute(name, new Attribute("FailureRate", 0.25));
            jmx.setAttribute(name, new Attribute("LatencyMillis", 7L));

            assertEquals(0.25, behaviour.getFailureRate());
            assertEquals(7L, jmx.getAttribute(name, "LatencyMillis"));
            assertThrows(Exception.class, () -> jmx.setAttribute(name, new Attribute("FailureRate", 2.0)));
            assertEquals(0.25, behaviour.getFailureRate());
            assertTrue(java.util.Arrays.stream(jmx.getMBeanInfo(name).getAttributes())
                    .anyMatch(a -> a.getName().equals("FailureRate") && a.getDescription().startsWith("Probability")),
                    "JMX clients see what the knob does");
        } finally {
            behaviour.unregister();
        }
        assertFalse(jmx.isRegistered(name));
        behaviour.unregister();
    }
}
