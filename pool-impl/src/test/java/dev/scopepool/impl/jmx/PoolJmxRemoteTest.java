// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static dev.scopepool.impl.jmx.JmxFixture.mbeanName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.RemoteJmx;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A remote JMX client, connected as JConsole connects (the JDK's RMI connector, on loopback
 * only), sees and drives the same pools. The first test prints its session as a transcript.
 */
class PoolJmxRemoteTest {

    @RegisterExtension
    static final RemoteJmx JMX_CLIENT = new RemoteJmx();

    private final JmxFixture fixture = new JmxFixture();
    private final StringBuilder transcript = new StringBuilder();
    private MBeanServerConnection remote;

    @BeforeEach
    void connect() throws IOException {
        remote = JMX_CLIENT.connection();
    }

    @AfterEach
    void closePools() {
        fixture.close();
    }

    @Test
    void remoteClientSeesReadsAndDrivesThePool() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        ResourcePool<Fake> pool = fixture.open(fixture.config("orders-db").min(2).max(5)
                .healthCheck(r -> broken.get() ? HealthCheckResult.unhealthy("SELECT 1 failed: connection reset")
                        : HealthCheckResult.ok())
                .build());
        ObjectName name = mbeanName(pool.name());
        try {
            say("connect " + JMX_CLIENT.address().toString().replaceAll("/stub/.*", "/stub/…"));
            Set<ObjectName> found = remote.queryNames(new ObjectName(ResourcePoolMXBean.DOMAIN_TYPE + ",*"), null);
            say("queryNames " + ResourcePoolMXBean.DOMAIN_TYPE + ",* -> contains " + name + ": " + found.contains(name));
            assertTrue(found.contains(name));
            // JConsole shows a Notifications node only for MBeans that pass this check.
            boolean emitter = remote.isInstanceOf(name, "javax.management.NotificationBroadcaster");
            say("isInstanceOf NotificationBroadcaster -> " + emitter);
            assertTrue(emitter);

            remote.invoke(name, "initialize", null, null);
            say("invoke initialize() -> ok");
            AttributeList attributes = remote.getAttributes(name, new String[] {"Name", "Total", "Available",
                "InUse", "Waiting", "Creating", "Min", "Max", "Created", "HealthChecksEnabled", "Suspended"});
            say("getAttributes -> " + render(attributes));
            assertEquals(2, value(attributes, "Total"));
            assertEquals(2, value(attributes, "Available"));

            remote.addNotificationListener(name, fixture.listener, null, null);
            say("addNotificationListener " + name);
            remote.invoke(name, "resize", new Object[] {1, 6}, new String[] {"int", "int"});
            say("invoke resize(min=1, max=6) -> ok");
            Notification resize = fixture.nextNotification(ResourcePoolMXBean.RESIZE);
            say(render(resize));
            assertEquals(6, remote.getAttribute(name, "Max"));

            RuntimeMBeanException invalid = assertThrows(RuntimeMBeanException.class,
                    () -> remote.setAttribute(name, new Attribute("Max", 0)));
            say("setAttribute Max=0 -> " + invalid.getTargetException());
            assertOnlyJdkClasses(invalid);
            assertEquals(6, remote.getAttribute(name, "Max"), "unchanged");

            broken.set(true);
            Object removed = remote.invoke(name, "checkHealth", null, null);
            say("invoke checkHealth() -> " + removed);
            assertEquals(2, removed);
            Notification failed = fixture.nextNotification(ResourcePoolMXBean.HEALTH_CHECK_FAILED);
            say(render(failed));
            assertEquals("SELECT 1 failed: connection reset", failed.getMessage());
            say("getAttribute Unhealthy -> " + remote.getAttribute(name, "Unhealthy")
                    + ", LastHealthCheckFailure -> \"" + remote.getAttribute(name, "LastHealthCheckFailure") + "\"");

            remote.invoke(name, "suspend", null, null);
            say("invoke suspend() -> ok; Suspended -> " + remote.getAttribute(name, "Suspended"));
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO));
            Notification timeout = fixture.nextNotification(ResourcePoolMXBean.ACQUIRE_TIMEOUT);
            say(render(timeout));
            remote.invoke(name, "resume", null, null);
            say("invoke resume() -> ok; Timeouts -> " + remote.getAttribute(name, "Timeouts"));
            assertEquals(1L, remote.getAttribute(name, "Timeouts"));

            pool.close();
            say("pool.close(); isRegistered " + name + " -> " + remote.isRegistered(name));
            assertFalse(remote.isRegistered(name));
        } finally {
            System.out.println("---- JConsole-equivalent session over the RMI connector ----\n"
                    + transcript + "---- end of session ----");
        }
    }

    @Test
    void remoteMXBeanProxyGetsTheClearMessageOfInvalidInput() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("remote-proxy").min(1).max(4).build());
        ResourcePoolMXBean proxy = JMX.newMXBeanProxy(remote, mbeanName(pool.name()), ResourcePoolMXBean.class);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> proxy.resize(5, 2));

        assertTrue(e.getMessage().startsWith("Cannot resize pool " + pool.name() + " to min=5, max=2: "),
                e.getMessage());
        assertEquals(4, proxy.getMax());
        assertEquals(1, proxy.getMin());
        assertEquals(pool.name(), proxy.getName());
    }

    private void say(String line) {
        transcript.append("jmx> ").append(line).append('\n');
    }

    private static Object value(AttributeList list, String name) {
        return list.asList().stream().filter(a -> a.getName().equals(name)).findFirst()
                .map(Attribute::getValue).orElseThrow(() -> new AssertionError("no attribute " + name));
    }

    private static String render(AttributeList list) {
        StringBuilder s = new StringBuilder();
        for (Attribute a : list.asList()) {
            s.append(s.length() == 0 ? "" : ", ").append(a.getName()).append('=').append(a.getValue());
        }
        return s.toString();
    }

    private static String render(Notification n) {
        return "notification " + n.getType() + " #" + n.getSequenceNumber() + " at "
                + Instant.ofEpochMilli(n.getTimeStamp()) + " from " + n.getSource() + ": \"" + n.getMessage()
                + "\" userData=" + render(n.getUserData());
    }

    private static String render(Object userData) {
        if (userData instanceof CompositeData c) {
            StringBuilder s = new StringBuilder("{");
            for (String key : c.getCompositeType().keySet()) {
                s.append(s.length() == 1 ? "" : ", ").append(key).append('=').append(c.get(key));
            }
            return s.append('}').toString();
        }
        return userData instanceof String ? "\"" + userData + "\"" : String.valueOf(userData);
    }

    /** A client without scopepool on its class path (JConsole) can deserialize the whole failure. */
    private static void assertOnlyJdkClasses(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String cls = t.getClass().getName();
            assertTrue(cls.startsWith("java.") || cls.startsWith("javax."), "JDK class, was " + cls);
        }
    }
}
