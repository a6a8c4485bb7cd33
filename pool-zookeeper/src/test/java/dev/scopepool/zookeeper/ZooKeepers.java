// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;

/**
 * In-process ZooKeeper servers and the Curator clients that stand for the JVMs of a fleet.
 *
 * <p>Servers tick every {@value #TICK_MILLIS} ms, so they accept the short session timeout
 * the clients ask for ({@value #SESSION_TIMEOUT_MILLIS} ms; the server's bounds are 2 to 20
 * ticks) and notice an expired session within a tick.
 */
final class ZooKeepers implements AutoCloseable {

    static final int TICK_MILLIS = 250;
    static final int SESSION_TIMEOUT_MILLIS = 3_000;
    static final Duration CONNECT_LIMIT = Duration.ofSeconds(20);

    private final List<CuratorFramework> clients = new ArrayList<>();
    private final List<Closeable> others = new ArrayList<>();

    static InstanceSpec spec() {
        return new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLIS, -1);
    }

    TestingServer server() throws Exception {
        TestingServer server = new TestingServer(spec(), true);
        others.add(server);
        return server;
    }

    TestingCluster cluster(int size) throws Exception {
        List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            specs.add(spec());
        }
        TestingCluster cluster = new TestingCluster(specs);
        others.add(cluster);
        cluster.start();
        return cluster;
    }

    TcpProxy proxyTo(int port) throws Exception {
        TcpProxy proxy = new TcpProxy(port);
        others.add(proxy);
        return proxy;
    }

    /** A started, connected client: one JVM of the fleet. */
    CuratorFramework client(String connectString) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMs(1_000)
                .retryPolicy(new ExponentialBackoffRetry(50, 3, 500))
                .build();
        clients.add(client);
        client.start();
        if (!client.blockUntilConnected((int) CONNECT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("client did not connect to " + connectString + " within " + CONNECT_LIMIT);
        }
        return client;
    }

    @Override
    public void close() throws IOException {
        for (CuratorFramework c : clients) {
            c.close();
        }
        for (int i = others.size() - 1; i >= 0; i--) {
            others.get(i).close();
        }
    }
}
