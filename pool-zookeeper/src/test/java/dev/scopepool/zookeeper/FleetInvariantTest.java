// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Several JVMs (one Curator client each) share one budget under concurrent load. */
class FleetInvariantTest {

    @Test
    void heldPermitsAcrossTheFleetNeverExceedFleetMaxAndEveryoneGetsSome() throws Exception {
        int fleetMax = 5;
        try (ZooKeepers zk = new ZooKeepers()) {
            TestingServer server = zk.server();
            List<ZooKeeperBudget> budgets = new ArrayList<>();
            for (int jvm = 0; jvm < 3; jvm++) {
                budgets.add(ZooKeeperBudget.of(zk.client(server.getConnectString()), "/fleet/db", fleetMax));
            }
            HeldCount held;
            try (FleetLoad load = new FleetLoad(budgets, 4)) {
                load.awaitGrants(300, Duration.ofSeconds(60));
                held = load.held();
            }
            assertEquals(0, held.now(), "every permit was given back");
            assertTrue(held.highest() <= fleetMax, "never past the budget: " + held.highest());
            FleetLoad.assertSaturates(budgets, fleetMax);
            for (ZooKeeperBudget b : budgets) {
                assertTrue(b.toString().contains("held here=0"), b.toString());
            }
        }
    }
}
