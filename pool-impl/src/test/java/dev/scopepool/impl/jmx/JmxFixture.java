// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.ObjectName;

/**
 * What the JMX tests of real pools share: uniquely named, JMX-registered pools of
 * {@link FakeFactory} resources that are closed after each test, and a notification listener
 * that queues what it hears.
 */
final class JmxFixture implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    /** Creates and destroys the resources of the fixture's pools, counting calls. */
    final FakeFactory factory = new FakeFactory();

    private final List<ResourcePool<?>> pools = new ArrayList<>();
    /** Receives notifications into this fixture; add it to an MBean to hear them. */
    final NotificationInbox listener = new NotificationInbox();

    /**
     * @param prefix what the pool is for, the start of its unique name
     * @return a configuration of the fixture's fakes, registered in JMX, without waits at close
     */
    PoolConfig.Builder<Fake> config(String prefix) {
        return factory.config().name(prefix + "-" + IDS.incrementAndGet()).jmx(true)
                .shutdownTimeout(Duration.ZERO);
    }

    /** Opens a pool that the fixture closes. */
    <T> ResourcePool<T> open(PoolConfig<T> config) {
        ResourcePool<T> pool = ResourcePools.create(config);
        pools.add(pool);
        return pool;
    }

    /** The pool's MXBean name, built from the published domain and type, not by the code under test. */
    static ObjectName mbeanName(String poolName) {
        try {
            return new ObjectName(ResourcePoolMXBean.DOMAIN_TYPE + ",name=" + poolName);
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the next notification of {@code type} the fixture's listener heard, skipping others */
    Notification nextNotification(String type) throws InterruptedException {
        return listener.next(type);
    }

    @Override
    public void close() {
        pools.forEach(ResourcePool::close);
    }
}
