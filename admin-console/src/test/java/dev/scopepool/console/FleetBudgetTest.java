// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.demo.DemoPools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;

/** {@code --zookeeper embedded}: the demo pools take their creations from fleet budgets in a real ZooKeeper. */
class FleetBudgetTest {

    @Test
    void embeddedZooKeeperBudgetsEveryDemoPoolAndStopsWithTheConsole() throws Exception {
        String zookeeper;
        try (AdminConsole console = AdminConsole.start(ConsoleOptions.parse(new String[] {"--port", "0",
                "--no-auth", "--no-load", "--zookeeper", "embedded", "--fleet-max", "5"}, Map.of()))) {
            zookeeper = console.fleetConnectString();
            assertTrue(zookeeper.startsWith("127.0.0.1:"), "the embedded server listens on loopback: " + zookeeper);
            JolokiaClient jolokia = JolokiaClient.anonymous(console.url());
            for (String pool : DemoPools.NAMES) {
                JolokiaClient.Answer answer = jolokia.read(JolokiaClient.pool(pool), "FleetBudget");
                assertTrue(answer.allowed(), answer.body());
                assertEquals(5, answer.value().asInt(), pool + "'s fleet budget");
            }
            // Each live connection holds one lease in ZooKeeper, as another console would see it.
            int total = jolokia.read(JolokiaClient.pool(DemoPools.DATABASE), "Total").value().asInt();
            assertEquals(2, total, "orders-db filled to its minimum through the budget");
            try (CuratorFramework other = CuratorFrameworkFactory.newClient(zookeeper, new RetryOneTime(100))) {
                other.start();
                assertTrue(other.blockUntilConnected(10, TimeUnit.SECONDS));
                assertEquals(total, other.getChildren()
                        .forPath(DemoFleet.ROOT + "/" + DemoPools.DATABASE + "/leases").size());
            }
        }
        assertFalse(listening(zookeeper), "the embedded ZooKeeper stopped with the console");
    }

    @Test
    void anUnreachableZooKeeperFailsTheStartNamingItsAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + closedPort;

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> AdminConsole.start(
                ConsoleOptions.parse(new String[] {"--port", "0", "--no-auth", "--no-load", "--zookeeper", address},
                        Map.of())));

        assertTrue(failure.getMessage().contains(address) && failure.getMessage().contains("--zookeeper"),
                failure.getMessage());
        try (AdminConsole console = AdminConsole.start(ConsoleOptions.parse(
                new String[] {"--port", "0", "--no-auth", "--no-load"}, Map.of()))) {
            assertEquals(3, console.poolNames().size(), "a console starts again without the budget");
        }
    }

    private static boolean listening(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket(InetAddress.getByName(hostAndPort.substring(0, colon)),
                Integer.parseInt(hostAndPort.substring(colon + 1)))) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
