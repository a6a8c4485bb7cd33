// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolStats;
import dev.scopepool.PoolsMBean;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.RemoteJmx;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code dev.scopepool:type=Pools} overview, read as JConsole and Hawtio read it: over the
 * platform MBeanServer and over a loopback RMI connector.
 */
class PoolsOverviewTest {

    @RegisterExtension
    static final RemoteJmx JMX_CLIENT = new RemoteJmx();

    private static final AtomicInteger IDS = new AtomicInteger();

    private static ResourcePool<Object> open(String prefix, boolean jmx) {
        return ResourcePools.create(PoolConfig.builder().name(prefix + "-" + IDS.incrementAndGet())
                .create(Object::new).min(1).max(4).jmx(jmx).build());
    }

    private static Set<String> poolNames(MBeanServerConnection server) throws Exception {
        TabularData table = (TabularData) server.getAttribute(new ObjectName(PoolsMBean.OBJECT_NAME), "Pools");
        return table.values().stream().map(row -> (String) ((CompositeData) row).get("name")).collect(Collectors.toSet());
    }

    @Test
    void rowsAppearAndVanishWithPoolsLocallyAndRemotely() throws Exception {
        MBeanServerConnection local = ManagementFactory.getPlatformMBeanServer();
        MBeanServerConnection remote = JMX_CLIENT.connection();
        ResourcePool<Object> a = open("overview-a", true);
        ResourcePool<Object> hidden = open("overview-hidden", false);
        String aName = a.name();
        try (ResourcePool<Object> b = open("overview-b", true)) {
            for (MBeanServerConnection server : new MBeanServerConnection[] {local, remote}) {
                Set<String> names = poolNames(server);
                assertTrue(names.containsAll(Set.of(aName, b.name())), names::toString);
                assertFalse(names.contains(hidden.name()), "a jmx(false) pool is not listed: " + names);
            }
        } finally {
            hidden.close();
        }
        try (ResourcePool<Object> stays = open("overview-stays", true)) { // keeps the overview registered
            a.close();
            for (MBeanServerConnection server : new MBeanServerConnection[] {local, remote}) {
                Set<String> names = poolNames(server);
                assertFalse(names.contains(aName), "a closed pool's row is gone: " + names);
                assertTrue(names.contains(stays.name()), names::toString);
            }
        }
    }

    @Test
    void aRowHoldsEveryStatisticOfOneSnapshot() throws Exception {
        try (ResourcePool<Object> pool = open("overview-row", true)) {
            Object held = pool.acquire();
            TabularData table = JMX.newMBeanProxy(JMX_CLIENT.connection(),
                    new ObjectName(PoolsMBean.OBJECT_NAME), PoolsMBean.class).getPools();
            CompositeData row = table.get(new Object[] {pool.name()});
            assertNotNull(row, "no row for " + pool.name());
            PoolStats stats = pool.stats();
            for (RecordComponent c : PoolStats.class.getRecordComponents()) {
                assertTrue(row.containsKey(c.getName()), "no column " + c.getName());
            }
            assertEquals(stats.total(), row.get("total"));
            assertEquals(stats.inUse(), row.get("inUse"));
            assertEquals(1, row.get("inUse"));
            assertEquals(stats.created(), row.get("created"));
            assertEquals(Boolean.FALSE, row.get("down"));
            assertEquals(PoolStats.class.getRecordComponents().length + 1,
                    row.getCompositeType().keySet().size(), () -> Arrays.toString(row.getCompositeType().keySet().toArray()));
            pool.release(held);
        }
    }

    @Test
    void checkHealthAllChecksEveryPoolAndCountsWhatItRemoved() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        ResourcePool<Object> one = ResourcePools.create(PoolConfig.builder().name("overview-check-" + IDS.incrementAndGet())
                .create(Object::new).min(2).max(2)
                .healthCheck(r -> broken.get() ? HealthCheckResult.unhealthy("down") : HealthCheckResult.ok()).build());
        ResourcePool<Object> other = ResourcePools.create(PoolConfig.builder().name("overview-check-" + IDS.incrementAndGet())
                .create(Object::new).min(1).max(2)
                .healthCheck(r -> broken.get() ? HealthCheckResult.unhealthy("down") : HealthCheckResult.ok()).build());
        try (one; other) {
            one.initialize();
            other.initialize();
            PoolsMBean overview = JMX.newMBeanProxy(JMX_CLIENT.connection(),
                    new ObjectName(PoolsMBean.OBJECT_NAME), PoolsMBean.class);
            broken.set(true);
            int removed = overview.checkHealthAll();
            assertTrue(removed >= 3, "at least the 3 idle resources of these two pools: " + removed);
            assertEquals(2, one.stats().unhealthy());
            assertEquals(1, other.stats().unhealthy());
        }
    }
}
