// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import dev.scopepool.console.demo.DemoFleetBudgets;
import dev.scopepool.spi.CreationPermits;
import dev.scopepool.zookeeper.ZooKeeperBudget;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * The demo pools' fleet budgets ({@code --zookeeper}): a Curator client to ZooKeeper and one
 * {@link ZooKeeperBudget} per pool at {@value #ROOT}{@code /<pool>}, so every console on the
 * same ZooKeeper shares each pool's {@code fleetMax}. With {@value ConsoleOptions#EMBEDDED_ZOOKEEPER}
 * it first starts a ZooKeeper server in this JVM, on loopback, with its data in a temporary
 * directory.
 *
 * <p>{@link #close()} ends the client's session (every permit still held returns at once) and
 * stops the embedded server, deleting its directory; close it after the pools.
 */
final class DemoFleet implements AutoCloseable {

    /** The parent of the demo pools' budget paths. */
    static final String ROOT = "/scopepool/demo";

    private static final int SESSION_TIMEOUT_MILLIS = 15_000;
    private static final int CONNECT_LIMIT_MILLIS = 10_000;

    private final TestingServer server;
    private final CuratorFramework client;
    private final DemoFleetBudgets budgets;

    private DemoFleet(TestingServer server, CuratorFramework client, DemoFleetBudgets budgets) {
        this.server = server;
        this.client = client;
        this.budgets = budgets;
    }

    /**
     * @param zookeeper {@code host:port[,host:port…]} or {@value ConsoleOptions#EMBEDDED_ZOOKEEPER}
     * @param fleetMax each pool's budget
     * @param pools the pools to budget
     * @return the connected budgets
     * @throws IllegalStateException naming the address if ZooKeeper cannot be reached within 10 s
     * @throws Exception if the embedded server cannot start
     */
    static DemoFleet connect(String zookeeper, int fleetMax, List<String> pools) throws Exception {
        TestingServer server = null;
        CuratorFramework client = null;
        try {
            String connectString = zookeeper;
            if (ConsoleOptions.EMBEDDED_ZOOKEEPER.equals(zookeeper)) {
                server = new TestingServer(loopbackSpec(), true);
                connectString = server.getConnectString();
            }
            client = CuratorFrameworkFactory.builder()
                    .connectString(connectString)
                    .sessionTimeoutMs(SESSION_TIMEOUT_MILLIS)
                    .connectionTimeoutMs(CONNECT_LIMIT_MILLIS)
                    .retryPolicy(new ExponentialBackoffRetry(100, 5))
                    .build();
            client.start();
            if (!client.blockUntilConnected(CONNECT_LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Cannot reach ZooKeeper at " + connectString + " (--zookeeper) within "
                        + CONNECT_LIMIT_MILLIS / 1000 + " s");
            }
            Map<String, CreationPermits> byPool = new LinkedHashMap<>();
            for (String pool : pools) {
                byPool.put(pool, ZooKeeperBudget.of(client, ROOT + "/" + pool, fleetMax));
            }
            return new DemoFleet(server, client, new DemoFleetBudgets(byPool));
        } catch (Exception | Error e) {
            close(client, server);
            throw e;
        }
    }

    /** Any free port, bound to loopback only, data in a temporary directory deleted on close. */
    private static InstanceSpec loopbackSpec() {
        return new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
                Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1");
    }

    /** @return each pool's budget, for the CDI container */
    DemoFleetBudgets budgets() {
        return budgets;
    }

    /** @return the ZooKeeper address the client uses (the embedded server's, if any) */
    String connectString() {
        return client.getZookeeperClient().getCurrentConnectionString();
    }

    /** @return whether the ZooKeeper server runs inside this console */
    boolean embedded() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        close(client, server);
    }

    private static void close(CuratorFramework client, TestingServer server) throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
