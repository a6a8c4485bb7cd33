package dev.scopepool.impl.jmx;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

/**
 * What the JMX tests of real pools share: uniquely named, JMX-registered pools of
 * {@link FakeFactory} resources that are closed after each test, and a notification listener
 * that queues what it hears.
 */
final class JmxFixture implements AutoCloseable {

    static final long WAIT_SECONDS = 10;

    private static final AtomicInteger IDS = new AtomicInteger();

    /** Creates and destroys the resources of the fixture's pools, counting calls. */
    final FakeFactory factory = new FakeFactory();

    private final List<ResourcePool<?>> pools = new ArrayList<>();
    private final BlockingQueue<Notification> heard = new LinkedBlockingQueue<>();

    /** Receives notifications into this fixture; add it to an MBean to hear them. */
    final NotificationListener listener = (n, handback) -> heard.add(n);

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

    /** @return the next notification heard, failing the test after {@link #WAIT_SECONDS} */
    Notification nextNotification() throws InterruptedException {
        Notification n = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(n, "a notification arrived within " + WAIT_SECONDS + "s");
        return n;
    }

    /** @return the next notification of {@code type}, skipping others */
    Notification nextNotification(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Notification n = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (n != null && n.getType().equals(type)) {
                return n;
            }
        }
        return fail("no " + type + " notification within " + WAIT_SECONDS + "s");
    }

    @Override
    public void close() {
        pools.forEach(ResourcePool::close);
    }
}
