// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real pools of several "JVMs" (separate Curator clients) sharing one fleet budget on a real,
 * in-process ZooKeeper: the sum of their live resources, sampled continuously, never exceeds
 * the budget; a crashed member's share returns to the others; a lost quorum stops creation
 * but not lending.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PooledFleetTest {

    private static final String PATH = "/fleet/pooled";
    private static final AtomicInteger IDS = new AtomicInteger();

    private ZooKeepers zk;
    private final List<ResourcePool<?>> pools = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() {
        zk = new ZooKeepers();
    }

    @AfterEach
    void stopFleet() throws Exception {
        pools.forEach(ResourcePool::close);
        zk.close();
    }

    /** Connections open in the shared "database": counted from before create until after destroy. */
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    private ResourcePool<Object> pool(CuratorFramework client, int fleetMax, int min, int max) {
        ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder()
                .name("fleet-" + IDS.incrementAndGet())
                .create(() -> {
                    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                    return new Object();
                })
                .destroy(r -> open.decrementAndGet())
                .min(min).max(max).acquireTimeout(Duration.ofSeconds(5)).shutdownTimeout(Duration.ZERO)
                .creationPermits(ZooKeeperBudget.of(client, PATH, fleetMax)).build());
        pools.add(pool);
        return pool;
    }

    @Test
    void theFleetNeverHoldsMoreLiveResourcesThanItsBudgetUnderLoad() throws Exception {
        TestingServer server = zk.server();
        int fleetMax = 5;
        List<ResourcePool<Object>> fleet = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            fleet.add(pool(zk.client(server.getConnectString()), fleetMax, i == 0 ? 1 : 0, 4));
        }
        runLoad(fleet, Duration.ofSeconds(4));
        long created = fleet.stream().mapToLong(p -> p.stats().created()).sum();
        System.out.printf("fleet of 3 pools (max 4 each), budget %d: at most %d resources open at once, %d created%n",
                fleetMax, mostOpen.get(), created);
        assertTrue(mostOpen.get() <= fleetMax, "resources of the fleet open at once: " + mostOpen.get());
        assertTrue(created > 0, "the load created resources");
        // How many resources the load happened to hold at once depends on how fast the machine
        // answers; fill the budget on purpose: two members give their permits back by closing,
        // then the fleet holds exactly fleetMax resources and not one more.
        fleet.get(1).close();
        fleet.get(2).close();
        ResourcePool<Object> other = pool(zk.client(server.getConnectString()), fleetMax, 0, 4);
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(fleet.get(0).acquire(Duration.ofSeconds(30)));
        }
        Object fifth = other.acquire(Duration.ofSeconds(30));
        AcquireTimeoutException past = assertThrows(AcquireTimeoutException.class, () -> other.acquire(Duration.ofMillis(500)));
        assertTrue(past.getMessage().contains("budget"), past.getMessage());
        assertEquals(fleetMax, open.get(), "the fleet holds its whole budget");
        held.forEach(fleet.get(0)::release);
        other.release(fifth);
    }

    @Test
    void aCrashedMembersShareReturnsToTheOthers() throws Exception {
        TestingServer server = zk.server();
        TcpProxy network = zk.proxyTo(server.getPort());
        ResourcePool<Object> crashing = pool(zk.client(network.connectString()), 3, 3, 3);
        ResourcePool<Object> survivor = pool(zk.client(server.getConnectString()), 3, 0, 3);
        crashing.initialize();
        assertEquals(3, crashing.stats().total());
        assertThrows(AcquireTimeoutException.class, () -> survivor.acquire(Duration.ofMillis(300)));

        long cutAt = System.nanoTime();
        network.cut(); // the member's JVM stops answering: its session will expire
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(survivor.acquire(Duration.ofSeconds(30)));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt);
        System.out.printf("a crashed member's 3 permits served the survivor %d ms after the crash (session timeout %d ms)%n",
                millis, ZooKeepers.SESSION_TIMEOUT_MILLIS);
        assertEquals(3, survivor.stats().total());
        network.heal(); // the member comes back with a new session: its old permits are covered by nothing
        Poll.until("the crashed member retired what its budget no longer covers", Duration.ofSeconds(30),
                () -> crashing.stats().total() == 0);
    }

    @Test
    void aLostQuorumStopsCreationButNotLendingAndRecoveryResumesIt() throws Exception {
        TestingCluster cluster = zk.cluster(3);
        ResourcePool<Object> pool = pool(zk.client(cluster.getConnectString()), 4, 0, 4);
        Object first = pool.acquire();
        pool.release(first);

        var servers = new ArrayList<>(cluster.getServers());
        servers.get(0).kill();
        Object afterOneNode = pool.acquire(Duration.ofSeconds(20)); // a node down changes nothing
        Object second = pool.acquire(Duration.ofSeconds(20));
        pool.release(afterOneNode);
        pool.release(second);
        assertEquals(2, pool.stats().total());

        servers.get(1).kill(); // quorum lost
        Object lent = pool.acquire(Duration.ofSeconds(5));
        Object lentToo = pool.acquire(Duration.ofSeconds(5));
        assertNotNull(lent, "idle resources are still lent");
        long createdBefore = pool.stats().created();
        assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofSeconds(1)),
                "no creation without ZooKeeper");
        assertEquals(createdBefore, pool.stats().created());

        servers.get(0).restart();
        servers.get(1).restart();
        Object created = pool.acquire(Duration.ofSeconds(60));
        assertEquals(3, pool.stats().total(), "recovery resumes creation");
        pool.release(created);
        pool.release(lent);
        pool.release(lentToo);
        assertEquals(3, pool.stats().available());
    }

    /** Runs acquire/invalidate/release from two threads per pool for {@code length}. */
    private static void runLoad(List<ResourcePool<Object>> fleet, Duration length) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(fleet.size() * 2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ResourcePool<Object> pool : fleet) {
                for (int i = 0; i < 2; i++) {
                    running.add(threads.submit(() -> {
                        while (!stop.get()) {
                            try {
                                Object r = pool.acquire(Duration.ofMillis(200));
                                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // hold it for some work
                                if (ThreadLocalRandom.current().nextInt(4) == 0) {
                                    pool.invalidate(r);
                                } else {
                                    pool.release(r);
                                }
                            } catch (AcquireTimeoutException budgetShared) {
                                // the others hold the budget: expected under load
                            }
                        }
                        return null;
                    }));
                }
            }
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                for (Future<?> f : running) {
                    if (f.isDone()) {
                        f.get(); // a failed worker fails the test now
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // the load runs for its length
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }
}
