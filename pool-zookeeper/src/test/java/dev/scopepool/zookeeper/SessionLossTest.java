// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.spi.CreationPermits.Permit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a budget does when its JVM loses ZooKeeper: "a" reaches the server through a
 * {@link TcpProxy} that the test cuts, "b" and the observer connect directly.
 */
class SessionLossTest {

    private static final String PATH = "/fleet/orders";

    private ZooKeepers zk;
    private TcpProxy network;
    private CuratorFramework clientA;
    private CuratorFramework clientB;
    private CuratorFramework observer;

    @BeforeEach
    void startFleet() throws Exception {
        zk = new ZooKeepers();
        TestingServer server = zk.server();
        network = zk.proxyTo(server.getPort());
        clientA = zk.client(network.connectString());
        clientB = zk.client(server.getConnectString());
        observer = zk.client(server.getConnectString());
    }

    @AfterEach
    void stopFleet() throws Exception {
        zk.close();
    }

    /** Lease nodes the server holds for the budget. */
    private int leasesOnServer() {
        try {
            return observer.checkExists().forPath(PATH + "/leases") == null ? 0
                    : observer.getChildren().forPath(PATH + "/leases").size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean coveredByCurrentSession(Permit permit) {
        try {
            var lease = ((FleetPermit) permit).lease();
            if (lease == null) {
                return false;
            }
            var stat = observer.checkExists().forPath(new LeasePaths(PATH).of(lease));
            return stat != null && stat.getEphemeralOwner() == clientA.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Permit> takeAll(ZooKeeperBudget budget, int count) throws InterruptedException {
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Permit p = budget.take(Duration.ofSeconds(15));
            assertNotNull(p, "permit " + (i + 1) + " of " + count);
            permits.add(p);
        }
        return permits;
    }

    private static CountDownLatch on(CuratorFramework client, ConnectionState wanted) {
        CountDownLatch seen = new CountDownLatch(1);
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == wanted) {
                seen.countDown();
            }
        });
        return seen;
    }

    @Test
    void aClosedClientsPermitsReturnAtOnce() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(clientA, PATH, 3);
        ZooKeeperBudget b = ZooKeeperBudget.of(clientB, PATH, 3);
        takeAll(a, 3);
        assertNull(b.take(Duration.ZERO));

        clientA.close();
        List<Permit> taken = takeAll(b, 3);
        assertEquals(3, taken.size());
    }

    @Test
    void aCrashedClientsPermitsReturnAfterItsSessionTimeout() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(clientA, PATH, 3);
        ZooKeeperBudget b = ZooKeeperBudget.of(clientB, PATH, 3);
        takeAll(a, 3);

        long cutAt = System.nanoTime();
        network.cut();
        List<Permit> taken = new ArrayList<>();
        while (taken.size() < 3) {
            Permit p = b.take(Duration.ofSeconds(20));
            assertNotNull(p, "the crashed client's permits did not come back within 20s");
            taken.add(p);
        }
        long returnedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
        System.out.printf("crashed client's permits returned %d ms after the crash (session timeout %d ms)%n",
                returnedAfterMillis, ZooKeepers.SESSION_TIMEOUT_MILLIS);
        assertTrue(returnedAfterMillis >= ZooKeepers.SESSION_TIMEOUT_MILLIS / 2,
                "permits came back after " + returnedAfterMillis + "ms, before the session could expire");
        assertEquals(3, leasesOnServer());
    }

    @Test
    void nothingIsGrantedWhileDisconnectedAndGrantingResumesOnReconnection() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(clientA, PATH, 4);
        ZooKeeperBudget b = ZooKeeperBudget.of(clientB, PATH, 4);
        Permit kept = a.take(Duration.ofSeconds(5));
        CountDownLatch suspended = on(clientA, ConnectionState.SUSPENDED);
        CountDownLatch reconnected = on(clientA, ConnectionState.RECONNECTED);

        network.cut();
        assertTrue(suspended.await(10, TimeUnit.SECONDS), "client a never noticed the cut");
        assertNull(a.take(Duration.ofMillis(500)), "a disconnected budget granted a permit");
        Permit fromB = b.take(Duration.ofSeconds(5));
        assertNotNull(fromB, "the rest of the fleet keeps taking the free permits");
        assertTrue(kept.isValid(), "a held permit stays valid while its session may still be alive");

        network.heal();
        assertTrue(reconnected.await(20, TimeUnit.SECONDS), "client a never reconnected");
        Permit afterwards = a.take(Duration.ofSeconds(10));
        assertNotNull(afterwards, "granting resumes after the reconnection");
        assertTrue(kept.isValid(), "its session survived, so its lease did");
        assertEquals(3, leasesOnServer());
    }

    @Test
    void heldPermitsGetNewLeasesWhenTheirSessionExpired() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(clientA, PATH, 4);
        ZooKeeperBudget b = ZooKeeperBudget.of(clientB, PATH, 4);
        List<Permit> held = takeAll(a, 2);
        CountDownLatch lost = on(clientA, ConnectionState.LOST);
        CountDownLatch reconnected = on(clientA, ConnectionState.RECONNECTED);

        network.cut();
        Poll.until("the server expires a's session and its leases", Duration.ofSeconds(20), () -> leasesOnServer() == 0);
        assertTrue(lost.await(20, TimeUnit.SECONDS), "client a never declared its session lost");
        network.heal();
        assertTrue(reconnected.await(20, TimeUnit.SECONDS), "client a never reconnected");

        Poll.until("a's held permits are covered by leases of its new session", Duration.ofSeconds(20),
                () -> held.stream().allMatch(this::coveredByCurrentSession));
        held.forEach(p -> assertTrue(p.isValid(), p + " should have been covered again"));
        assertEquals(2, leasesOnServer());
        List<Permit> rest = takeAll(b, 2);
        assertNull(b.take(Duration.ofMillis(300)), "the re-covered permits count against the limit");
        held.forEach(Permit::close);
        rest.forEach(Permit::close);
    }

    @Test
    void heldPermitsAreCoveredAgainBeforeAWaitingCallerGetsANewOne() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(clientA, PATH, 3);
        List<Permit> held = takeAll(a, 2);
        network.cut();
        Poll.until("the server expires a's session and its leases", Duration.ofSeconds(20), () -> leasesOnServer() == 0);
        CompletableFuture<Permit> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return a.take(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        network.heal();
        Permit third = waiting.get(40, TimeUnit.SECONDS);
        assertNotNull(third, "the waiting caller gets the one permit left");
        held.forEach(p -> assertTrue(p.isValid(), p + " lost its lease to a new grant"));
        assertTrue(held.stream().allMatch(this::coveredByCurrentSession));
        assertEquals(3, leasesOnServer());
    }

    @Test
    void heldPermitsThatCannotBeCoveredAgainBecomeInvalid() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(clientA, PATH, 2);
        ZooKeeperBudget b = ZooKeeperBudget.of(clientB, PATH, 2);
        List<Permit> held = takeAll(a, 2);
        CountDownLatch reconnected = on(clientA, ConnectionState.RECONNECTED);

        network.cut();
        List<Permit> taken = takeAll(b, 2);
        network.heal();
        assertTrue(reconnected.await(20, TimeUnit.SECONDS), "client a never reconnected");

        Poll.until("a learns its permits are no longer covered", Duration.ofSeconds(20),
                () -> held.stream().noneMatch(Permit::isValid));
        assertEquals(2, leasesOnServer(), "only b's permits count");
        assertNull(a.take(Duration.ofMillis(300)), "the budget is b's now");

        held.forEach(Permit::close);
        taken.get(0).close();
        Permit retaken = a.take(Duration.ofSeconds(10));
        assertNotNull(retaken, "a takes a permit once one is free again");
        assertTrue(retaken.isValid());
    }

    @Test
    void returningAPermitWhileDisconnectedNeverBlocksAndTakesEffectOnReconnection() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(clientA, PATH, 1);
        ZooKeeperBudget b = ZooKeeperBudget.of(clientB, PATH, 1);
        Permit only = a.take(Duration.ofSeconds(5));
        CountDownLatch suspended = on(clientA, ConnectionState.SUSPENDED);

        network.cut();
        assertTrue(suspended.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        only.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(closeMillis < 1_000, "close blocked for " + closeMillis + "ms while disconnected");
        assertFalse(only.isValid());

        network.heal();
        Permit fromB = b.take(Duration.ofSeconds(20));
        assertNotNull(fromB, "the lease returned during the outage was deleted once reconnected (or expired)");
    }
}
