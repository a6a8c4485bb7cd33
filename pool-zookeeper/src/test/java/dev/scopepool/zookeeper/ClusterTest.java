// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.spi.CreationPermits.Permit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A budget on a three-node ensemble, losing one node and then its quorum. */
class ClusterTest {

    private static final int FLEET_MAX = 4;

    private ZooKeepers zk;
    private TestingCluster cluster;
    private final List<CuratorFramework> clients = new ArrayList<>();
    private final List<ZooKeeperBudget> budgets = new ArrayList<>();

    @BeforeEach
    void startEnsemble() throws Exception {
        zk = new ZooKeepers();
        cluster = zk.cluster(3);
        for (int jvm = 0; jvm < 3; jvm++) {
            CuratorFramework client = zk.client(cluster.getConnectString());
            clients.add(client);
            budgets.add(ZooKeeperBudget.of(client, "/fleet/cluster", FLEET_MAX));
        }
    }

    @AfterEach
    void stopEnsemble() throws Exception {
        zk.close();
    }

    @Test
    void losingOneNodeNeitherBreaksTheLimitNorStallsGranting() throws Exception {
        HeldCount held;
        try (FleetLoad load = new FleetLoad(budgets, 3)) {
            load.awaitGrants(100, Duration.ofSeconds(30));
            InstanceSpec busiest = cluster.findConnectionInstance(clients.get(0).getZookeeperClient().getZooKeeper());
            assertTrue(cluster.killServer(busiest));
            load.awaitGrants(200, Duration.ofSeconds(30));
            held = load.held();
        }
        assertTrue(held.highest() <= FLEET_MAX, "never past the limit: " + held.highest());
        assertEquals(0, held.now());
        FleetLoad.assertSaturates(budgets, FLEET_MAX); // on the two nodes left
    }

    @Test
    void losingQuorumStopsGrantingAndRecoveryResumesIt() throws Exception {
        Permit kept = budgets.get(0).take(Duration.ofSeconds(10));
        assertNotNull(kept);
        List<InstanceSpec> stopped = new ArrayList<>(cluster.getInstances()).subList(0, 2);
        for (InstanceSpec s : stopped) {
            assertTrue(cluster.killServer(s));
        }

        for (ZooKeeperBudget b : budgets) {
            assertNull(b.take(Duration.ofSeconds(1)), "granted without a quorum: " + b);
        }
        assertTrue(kept.isValid(), "a held permit stays usable through the outage");

        for (InstanceSpec s : stopped) {
            assertTrue(cluster.restartServer(s));
        }
        List<Permit> afterwards = new ArrayList<>();
        for (ZooKeeperBudget b : budgets) {
            Permit p = b.take(Duration.ofSeconds(40));
            assertNotNull(p, "granting did not resume after the quorum came back: " + b);
            afterwards.add(p);
        }
        afterwards.forEach(Permit::close);
        kept.close();
    }
}
