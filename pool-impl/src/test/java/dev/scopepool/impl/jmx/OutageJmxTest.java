// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static dev.scopepool.impl.jmx.JmxFixture.mbeanName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolOverloadedException;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.Poll;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outage and overload as a JMX client sees them, through the real platform MBeanServer. */
class OutageJmxTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final JmxFixture fixture = new JmxFixture();

    @AfterEach
    void closePools() {
        fixture.close();
    }

    @Test
    void goingDownAndComingBackUpAreNotifiedOnceEachAndShownInDown() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("outage").max(2).failFastAfter(2)
                .acquireTimeout(Duration.ofSeconds(30)).build());
        ObjectName name = mbeanName(pool.name());
        SERVER.addNotificationListener(name, fixture.listener, null, null);
        assertEquals(false, SERVER.getAttribute(name, "Down"));

        fixture.factory.failCreates.set(Integer.MAX_VALUE);
        assertThrows(ResourceCreationException.class, () -> pool.acquire());
        assertThrows(ResourceCreationException.class, () -> pool.acquire());
        Notification down = fixture.nextNotification(ResourcePoolMXBean.DOWN);
        assertEquals(name, down.getSource());
        assertTrue(down.getMessage().contains("simulated create failure"), "the last failure: " + down.getMessage());
        assertEquals(down.getMessage(), down.getUserData());
        assertEquals(true, SERVER.getAttribute(name, "Down"));

        fixture.factory.failCreates.set(0);
        Notification up = fixture.nextNotification(ResourcePoolMXBean.UP);
        assertEquals(name, up.getSource());
        assertTrue(up.getSequenceNumber() > down.getSequenceNumber());
        Poll.until("Down reads false", () -> Boolean.FALSE.equals(attribute(name, "Down")));
        pool.release(pool.acquire());

        // Delivery keeps emission order: once the resize is heard, all that came before was heard too.
        pool.resize(0, 3);
        List<String> after = new ArrayList<>();
        for (Notification n = fixture.listener.next(); !n.getType().equals(ResourcePoolMXBean.RESIZE);
                n = fixture.listener.next()) {
            after.add(n.getType());
        }
        assertFalse(after.contains(ResourcePoolMXBean.DOWN) || after.contains(ResourcePoolMXBean.UP),
                "each transition notified once; later: " + after);
    }

    @Test
    void refusedAcquiresShowInRejected() throws Exception {
        ResourcePool<Fake> pool = fixture.open(fixture.config("overload").max(1).maxWaiters(0).build());
        ObjectName name = mbeanName(pool.name());
        assertThrows(PoolOverloadedException.class, () -> pool.acquire(Duration.ofSeconds(1)));
        assertEquals(1L, SERVER.getAttribute(name, "Rejected"));
        assertEquals(0, SERVER.getAttribute(name, "MaxWaiters"));
    }

    private static Object attribute(ObjectName name, String attribute) {
        try {
            return SERVER.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
