// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.spi.CreationPermits.Permit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One budget against one healthy ZooKeeper server. */
class ZooKeeperBudgetTest {

    private static final AtomicInteger PATHS = new AtomicInteger();

    private static ZooKeepers zk;
    private static TestingServer server;
    private static CuratorFramework client;

    @BeforeAll
    static void startServer() throws Exception {
        zk = new ZooKeepers();
        server = zk.server();
        client = zk.client(server.getConnectString());
    }

    @AfterAll
    static void stopServer() throws Exception {
        zk.close();
    }

    private static String freshPath() {
        return "/budgets/b" + PATHS.incrementAndGet();
    }

    @Test
    void grantsUpToFleetMaxThenReturnsNullAfterAboutTheTimeout() throws Exception {
        ZooKeeperBudget budget = ZooKeeperBudget.of(client, freshPath(), 3);
        List<Permit> permits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            permits.add(present(budget.take(Duration.ofSeconds(5))));
        }

        long start = System.nanoTime();
        assertNull(budget.take(Duration.ofMillis(400)));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMillis >= 350, "gave up after " + waitedMillis + "ms, before its 400ms timeout");
        assertTrue(waitedMillis < 5_000, "overshot its 400ms timeout: " + waitedMillis + "ms");
        assertNull(budget.take(Duration.ZERO), "try-once on an exhausted budget");

        permits.get(0).close();
        Permit again = budget.take(Duration.ofSeconds(5));
        assertNotNull(again, "a returned permit can be taken again");
        again.close();
        permits.forEach(Permit::close);
    }

    @Test
    void closingAPermitTwiceReturnsItOnce() throws Exception {
        ZooKeeperBudget budget = ZooKeeperBudget.of(client, freshPath(), 2);
        Permit first = budget.take(Duration.ofSeconds(5));
        Permit second = budget.take(Duration.ofSeconds(5));
        second.close();
        second.close();

        Permit third = budget.take(Duration.ofSeconds(5));
        assertNotNull(third);
        assertNull(budget.take(Duration.ofMillis(200)), "a double close must not free two permits");
        first.close();
        third.close();
    }

    @Test
    void aPermitIsValidUntilClosed() throws Exception {
        ZooKeeperBudget budget = ZooKeeperBudget.of(client, freshPath(), 1);
        Permit permit = budget.take(Duration.ofSeconds(5));
        assertTrue(permit.isValid());
        permit.close();
        assertFalse(permit.isValid());
    }

    @Test
    void limitIsTheFleetMaximum() {
        assertEquals(7, ZooKeeperBudget.of(client, freshPath(), 7).limit());
    }

    @Test
    void budgetsOnDifferentPathsDoNotShare() throws Exception {
        ZooKeeperBudget a = ZooKeeperBudget.of(client, freshPath(), 1);
        ZooKeeperBudget b = ZooKeeperBudget.of(client, freshPath(), 1);
        Permit fromA = a.take(Duration.ofSeconds(5));
        Permit fromB = b.take(Duration.ofSeconds(5));
        assertNotNull(fromA);
        assertNotNull(fromB);
        fromA.close();
        fromB.close();
    }

    @Test
    void leaseNodesLiveWhereTheBudgetChecksThem() throws Exception {
        String path = freshPath();
        ZooKeeperBudget budget = ZooKeeperBudget.of(client, path, 2);
        FleetPermit permit = (FleetPermit) budget.take(Duration.ofSeconds(5));

        String leasePath = new LeasePaths(path).of(permit.lease());
        Stat stat = client.checkExists().forPath(leasePath);
        assertNotNull(stat, "no lease node at " + leasePath);
        assertEquals(client.getZookeeperClient().getZooKeeper().getSessionId(), stat.getEphemeralOwner());

        permit.close();
        Poll.until("the returned lease's node is deleted", Duration.ofSeconds(10),
                () -> exists(leasePath) == null);
    }

    private static Stat exists(String path) {
        try {
            return client.checkExists().forPath(path);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anInterruptedTakeThrowsAndHoldsNoPermit() throws Exception {
        ZooKeeperBudget budget = ZooKeeperBudget.of(client, freshPath(), 1);
        Permit only = budget.take(Duration.ofSeconds(5));
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread taker = new Thread(() -> {
            started.countDown();
            try {
                Permit p = budget.take(Duration.ofSeconds(30));
                outcome.complete(new AssertionError("got " + p));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        taker.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Poll.until("the taker waits", Duration.ofSeconds(5), () -> taker.getState() != Thread.State.RUNNABLE);
        taker.interrupt();

        assertTrue(outcome.get(10, TimeUnit.SECONDS) instanceof InterruptedException,
                () -> "expected InterruptedException, got " + outcome.join());
        only.close();
        Permit next = budget.take(Duration.ofSeconds(5));
        assertNotNull(next, "the interrupted taker must not have kept the permit");
        next.close();
    }

    @Test
    void aBudgetMadeBeforeItsClientStartsGrantsOnceConnected() throws Exception {
        try (CuratorFramework late = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(50))) {
            ZooKeeperBudget budget = ZooKeeperBudget.of(late, freshPath(), 1);
            assertNull(budget.take(Duration.ZERO), "nothing is granted before the client connects");
            late.start();
            Permit permit = budget.take(Duration.ofSeconds(10));
            assertNotNull(permit);
            permit.close();
        }
    }

    @Test
    void takingFromABudgetWhoseClientIsClosedFailsSayingSo() throws Exception {
        CuratorFramework closing = zk.client(server.getConnectString());
        ZooKeeperBudget budget = ZooKeeperBudget.of(closing, freshPath(), 1);
        closing.close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> budget.take(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ZooKeeperBudget.of(closing, freshPath(), 1));
        assertTrue(refused.getMessage().contains("client"), refused.getMessage());
    }

    @Test
    void badArgumentsAreRejectedNamingTheArgument() throws Exception {
        assertMessage(NullPointerException.class, "client", () -> ZooKeeperBudget.of(null, "/a", 1));
        assertMessage(NullPointerException.class, "path", () -> ZooKeeperBudget.of(client, null, 1));
        assertMessage(IllegalArgumentException.class, "path", () -> ZooKeeperBudget.of(client, "no-slash", 1));
        assertMessage(IllegalArgumentException.class, "path", () -> ZooKeeperBudget.of(client, "/trailing/", 1));
        assertMessage(IllegalArgumentException.class, "fleetMax", () -> ZooKeeperBudget.of(client, "/a", 0));
        ZooKeeperBudget budget = ZooKeeperBudget.of(client, freshPath(), 1);
        assertMessage(NullPointerException.class, "timeout", () -> budget.take(null));
        assertMessage(IllegalArgumentException.class, "timeout", () -> budget.take(Duration.ofMillis(-1)));

        Permit permit = budget.take(Duration.ofSeconds(5));
        assertNotNull(permit, "the budget still works after bad calls");
        permit.close();
    }

    private static void assertMessage(Class<? extends Throwable> type, String word,
            org.junit.jupiter.api.function.Executable call) {
        Throwable t = assertThrows(type, call);
        assertTrue(t.getMessage() != null && t.getMessage().contains(word),
                () -> type.getSimpleName() + " should name '" + word + "': " + t.getMessage());
    }

    private static <T> T present(T value) {
        assertNotNull(value);
        return value;
    }
}
