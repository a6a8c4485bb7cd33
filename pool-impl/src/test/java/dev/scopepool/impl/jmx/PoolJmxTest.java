// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static dev.scopepool.impl.jmx.JmxFixture.mbeanName;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real pools, managed through the real platform MBeanServer as any local JMX client would. */
class PoolJmxTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final JmxFixture fixture = new JmxFixture();

    @AfterEach
    void closePools() {
        fixture.close();
    }

    @Test
    void poolIsRegisteredUnderItsNameAndShowsLiveStats() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("stats").min(2).max(5)
                .acquireTimeout(Duration.ofSeconds(7)).build());
        ObjectName name = mbeanName(pool.name());
        pool.initialize();

        Fake borrowed = pool.acquire();

        assertAll(
                () -> assertEquals(pool.name(), SERVER.getAttribute(name, "Name")),
                () -> assertEquals(2, SERVER.getAttribute(name, "Total")),
                () -> assertEquals(1, SERVER.getAttribute(name, "Available")),
                () -> assertEquals(1, SERVER.getAttribute(name, "InUse")),
                () -> assertEquals(1L, SERVER.getAttribute(name, "Acquired")),
                () -> assertEquals(2L, SERVER.getAttribute(name, "Created")),
                () -> assertEquals(2, SERVER.getAttribute(name, "Min")),
                () -> assertEquals(5, SERVER.getAttribute(name, "Max")),
                () -> assertEquals(7_000L, SERVER.getAttribute(name, "AcquireTimeoutMillis")),
                () -> assertEquals(30_000L, SERVER.getAttribute(name, "HealthCheckIntervalMillis")),
                () -> assertEquals(false, SERVER.getAttribute(name, "HealthChecksEnabled")),
                () -> assertEquals(false, SERVER.getAttribute(name, "Closed")),
                () -> assertEquals("", SERVER.getAttribute(name, "LastHealthCheckFailure")));
        pool.release(borrowed);
        assertEquals(1L, SERVER.getAttribute(name, "Released"));
    }

    @Test
    void mxBeanProxySeesAndDrivesThePool() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("proxy").min(1).max(3).build());
        ResourcePoolMXBean proxy = JMX.newMXBeanProxy(SERVER, mbeanName(pool.name()), ResourcePoolMXBean.class);

        proxy.initialize();
        assertEquals(1, proxy.getTotal());
        proxy.suspend();
        assertTrue(pool.isSuspended() && proxy.isSuspended());
        proxy.resume();
        assertFalse(pool.isSuspended());
        proxy.setMax(7);
        assertEquals(7, pool.config().max());
        assertEquals(1, proxy.evictIdle(), "the one idle resource");
        assertEquals(1L, pool.stats().destroyed());
        assertEquals(0, proxy.checkHealth(), "no health check configured");
    }

    @Test
    void writingMinAndMaxResizesThePool() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("resize").build());
        ObjectName name = mbeanName(pool.name());

        SERVER.setAttribute(name, new Attribute("Max", 6));
        SERVER.setAttribute(name, new Attribute("Min", 3));

        assertEquals(3, pool.config().min());
        assertEquals(6, pool.config().max());
        Poll.until("a larger Min fills the pool in the background", () -> pool.stats().total() == 3);
    }

    @Test
    void invalidInputFailsTheCallWithAClearMessageAndLeavesThePoolUnchanged() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("invalid").min(1).max(4).build());
        ObjectName name = mbeanName(pool.name());

        RuntimeMBeanException resize = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.invoke(name, "resize", new Object[] {5, 2}, new String[] {"int", "int"}));
        RuntimeMBeanException max = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.setAttribute(name, new Attribute("Max", 0)));
        RuntimeMBeanException min = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.setAttribute(name, new Attribute("Min", -1)));

        assertEquals("Cannot resize pool " + pool.name() + " to min=5, max=2: "
                + "min must be >= 0 and <= max (2), was 5",
                assertInstanceOf(IllegalArgumentException.class, resize.getTargetException()).getMessage());
        assertTrue(assertInstanceOf(IllegalArgumentException.class, max.getTargetException()).getMessage()
                .startsWith("Cannot set Max of pool " + pool.name() + " to 0 (Min is 1): max must be >= 1"));
        assertTrue(assertInstanceOf(IllegalArgumentException.class, min.getTargetException()).getMessage()
                .startsWith("Cannot set Min of pool " + pool.name() + " to -1 (Max is 4): min must be >= 0"));
        assertEquals(1, pool.config().min());
        assertEquals(4, pool.config().max());
        assertEquals(4, SERVER.getAttribute(name, "Max"));
    }

    @Test
    void healthCheckFailureIsCountedShownAndNotified() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("health")
                .healthCheck(r -> HealthCheckResult.unhealthy("ping failed: connection reset")).build());
        ObjectName name = mbeanName(pool.name());
        SERVER.addNotificationListener(name, fixture.listener, null, null);
        pool.release(pool.acquire());

        Object removed = SERVER.invoke(name, "checkHealth", null, null);

        assertEquals(1, removed);
        Notification n = fixture.nextNotification(ResourcePoolMXBean.HEALTH_CHECK_FAILED);
        assertEquals("ping failed: connection reset", n.getMessage());
        assertEquals(name, n.getSource());
        assertEquals("ping failed: connection reset", SERVER.getAttribute(name, "LastHealthCheckFailure"));
        assertEquals(1, SERVER.getAttribute(name, "Unhealthy"));
        assertEquals(true, SERVER.getAttribute(name, "HealthChecksEnabled"));
    }

    @Test
    void lifecyclePoliciesShowTheirSettingsAndRetirementCounters() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("lifecycle").max(1).maxUses(1)
                .maxLifetime(Duration.ofMinutes(30)).idleTimeout(Duration.ofMinutes(10)).build());
        ObjectName name = mbeanName(pool.name());

        pool.release(pool.acquire());

        assertAll(
                () -> assertEquals(1L, SERVER.getAttribute(name, "RetiredByUses")),
                () -> assertEquals(0L, SERVER.getAttribute(name, "RetiredByAge")),
                () -> assertEquals(0L, SERVER.getAttribute(name, "RetiredByIdle")),
                () -> assertEquals(1_800_000L, SERVER.getAttribute(name, "MaxLifetimeMillis")),
                () -> assertEquals(600_000L, SERVER.getAttribute(name, "IdleTimeoutMillis")),
                () -> assertEquals(1, SERVER.getAttribute(name, "MaxUses")));
    }

    @Test
    void acquireTimeoutIsCountedAndNotified() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("timeout").max(1).build());
        ObjectName name = mbeanName(pool.name());
        SERVER.addNotificationListener(name, fixture.listener, null, null);
        Fake held = pool.acquire();

        assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(20)));

        Notification n = fixture.nextNotification(ResourcePoolMXBean.ACQUIRE_TIMEOUT);
        assertEquals(20L, n.getUserData());
        assertTrue(n.getMessage().contains("Acquire timeout after 20ms"), n.getMessage());
        assertTrue(n.getSequenceNumber() > 0 && n.getTimeStamp() > 0);
        assertEquals(1L, SERVER.getAttribute(name, "Timeouts"));
        pool.release(held);
    }

    @Test
    void resizeOperationIsNotifiedWithTheNewBounds() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("notify-resize").build());
        ObjectName name = mbeanName(pool.name());
        SERVER.addNotificationListener(name, fixture.listener, null, null);

        SERVER.invoke(name, "resize", new Object[] {1, 4}, new String[] {"int", "int"});

        Notification n = fixture.nextNotification(ResourcePoolMXBean.RESIZE);
        CompositeData bounds = assertInstanceOf(CompositeData.class, n.getUserData());
        assertEquals(1, bounds.get("min"));
        assertEquals(4, bounds.get("max"));
    }

    @Test
    void failedInitializeTellsTheClientWhyInAJdkException() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("init-fails").min(1).build());
        fixture.factory.failCreates.set(1);

        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.invoke(mbeanName(pool.name()), "initialize", null, null));

        assertEquals(IllegalStateException.class, e.getTargetException().getClass());
        assertTrue(e.getTargetException().getMessage().contains("java.io.IOException: simulated create failure"),
                e.getTargetException().getMessage());
    }

    @Test
    void registrationIsGoneAfterClose() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("close").build());
        ObjectName name = mbeanName(pool.name());
        assertTrue(SERVER.isRegistered(name));

        pool.close();

        assertFalse(SERVER.isRegistered(name));
    }

    @Test
    void jmxFalseRegistersNothing() {
        ResourcePool<Fake> pool = fixture.open(fixture.config("no-jmx").jmx(false).build());

        assertFalse(SERVER.isRegistered(mbeanName(pool.name())));
    }

    @Test
    void unnamedPoolIsRegisteredUnderItsGivenName() {
        ResourcePool<Object> pool = fixture.open(PoolConfig.builder().create(Object::new).build());

        assertTrue(pool.name().startsWith("pool-"));
        assertTrue(SERVER.isRegistered(mbeanName(pool.name())));
    }

    @Test
    void duplicateNameFailsBeforeAnyResourceIsCreated() throws Exception {
        ResourcePool<Fake> first = fixture.open(fixture.config("dup").build());
        FakeFactory secondFactory = new FakeFactory();
        PoolConfig<Fake> second = fixture.config("ignored").name(first.name()).min(2)
                .create(secondFactory).destroy(secondFactory).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fixture.open(second));

        assertTrue(e.getMessage().contains("'" + first.name() + "'"), e.getMessage());
        assertEquals(0, secondFactory.createCalls.get(), "nothing was created for the rejected pool");
        assertTrue(SERVER.isRegistered(mbeanName(first.name())), "the live pool keeps its registration");
        assertEquals(first.name(), SERVER.getAttribute(mbeanName(first.name()), "Name"));
        fixture.open(second.toBuilder().jmx(false).build()).initialize();
        first.close();
        fixture.open(second).initialize();
        assertEquals(4, secondFactory.createCalls.get(), "jmx(false) pools are not checked, and the name is free after close");
    }

    @Test
    void closingThePoolStopsItsNotificationThread() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(fixture.config("notifier").build());
        SERVER.addNotificationListener(mbeanName(pool.name()), fixture.listener, null, null);
        pool.resize(0, 2);
        fixture.nextNotification(ResourcePoolMXBean.RESIZE);
        Thread notifier = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("scopepool-" + pool.name() + "-jmx-notifier"))
                .findFirst().orElseThrow(() -> new AssertionError("notifications are delivered on a pool thread"));

        pool.close();

        // close() waited for the delivery thread's executor to terminate; the thread itself is exiting.
        notifier.join(1_000);
        assertFalse(notifier.isAlive(), notifier + " outlived close");
    }
}
