// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications as a JMX listener receives them, raised through the {@link PoolJmx}
 * listener callbacks the engine calls; and the end of a registration at close.
 */
class PoolNotifierTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long WAIT_SECONDS = NotificationInbox.WAIT_SECONDS;

    private final List<PoolJmx> registrations = new ArrayList<>();
    private final NotificationInbox received = new NotificationInbox();

    @AfterEach
    void unregister() {
        registrations.forEach(PoolJmx::unregister);
    }

    private PoolJmx register(String poolName) {
        @SuppressWarnings("unchecked")
        ResourcePool<Object> pool = mock(ResourcePool.class);
        when(pool.name()).thenReturn(poolName);
        when(pool.config()).thenReturn(PoolConfig.builder().name(poolName).create(Object::new).build());
        PoolJmx jmx = PoolJmx.register(pool, () -> null, () -> 0);
        registrations.add(jmx);
        return jmx;
    }

    @Test
    void eachEventBecomesANotificationWithOpenTypeUserData() throws Exception {
        PoolJmx jmx = register("notify-" + IDS.incrementAndGet());
        SERVER.addNotificationListener(jmx.objectName(), received, null, null);

        jmx.healthCheckFailed("ignored", "connection reset");
        jmx.acquireTimedOut("ignored", 250);
        jmx.resized("ignored", 2, 6);

        Notification failed = received.next();
        Notification timeout = received.next();
        Notification resize = received.next();
        assertAll(
                () -> assertEquals(ResourcePoolMXBean.HEALTH_CHECK_FAILED, failed.getType()),
                () -> assertEquals("connection reset", failed.getMessage()),
                () -> assertEquals("connection reset", failed.getUserData()),
                () -> assertEquals(ResourcePoolMXBean.ACQUIRE_TIMEOUT, timeout.getType()),
                () -> assertTrue(timeout.getMessage().contains("Acquire timeout after 250ms"), timeout.getMessage()),
                () -> assertEquals(250L, timeout.getUserData()),
                () -> assertEquals(ResourcePoolMXBean.RESIZE, resize.getType()),
                () -> assertEquals(2, assertInstanceOf(CompositeData.class, resize.getUserData()).get("min")),
                () -> assertEquals(6, ((CompositeData) resize.getUserData()).get("max")));
        for (Notification n : List.of(failed, timeout, resize)) {
            assertEquals(jmx.objectName(), n.getSource(), "source is the MBean's name");
            assertTrue(n.getTimeStamp() > 0, "time stamped");
        }
        assertTrue(failed.getSequenceNumber() < timeout.getSequenceNumber()
                && timeout.getSequenceNumber() < resize.getSequenceNumber(), "sequence numbers increase");
    }

    @Test
    void emittingNeverWaitsForASlowListener() throws Exception {
        PoolJmx jmx = register("notify-" + IDS.incrementAndGet());
        CountDownLatch listenerEntered = new CountDownLatch(1);
        CountDownLatch letListenerGo = new CountDownLatch(1);
        SERVER.addNotificationListener(jmx.objectName(), (NotificationListener) (n, hb) -> {
            listenerEntered.countDown();
            try {
                letListenerGo.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.handleNotification(n, hb);
        }, null, null);

        // The engine's thread raising events must get its control back while the listener is stuck.
        assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS), () -> {
            for (int i = 1; i <= 3; i++) {
                jmx.acquireTimedOut("ignored", i);
            }
        });
        assertTrue(listenerEntered.await(WAIT_SECONDS, TimeUnit.SECONDS), "delivery started");
        assertTrue(received.isEmpty(), "the listener is still held");
        letListenerGo.countDown();

        assertEquals(1L, received.next().getUserData());
        assertEquals(2L, received.next().getUserData());
        assertEquals(3L, received.next().getUserData(), "delivered in the order emitted");
    }

    @Test
    void closedUnregistersAndStopsTheDeliveryThread() throws Exception {
        String poolName = "notify-" + IDS.incrementAndGet();
        PoolJmx jmx = register(poolName);
        SERVER.addNotificationListener(jmx.objectName(), received, null, null);
        jmx.resized(poolName, 0, 3);
        received.next();
        Thread notifier = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("scopepool-" + poolName + "-jmx-notifier"))
                .findFirst().orElseThrow(() -> new AssertionError("a delivery thread named after the pool"));
        assertTrue(notifier.isDaemon());

        jmx.closed(poolName);

        assertFalse(SERVER.isRegistered(jmx.objectName()));
        notifier.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(notifier.isAlive(), "no thread of the pool outlives its close");
        assertDoesNotThrow(() -> {
            jmx.unregister();
            jmx.closed(poolName);
            jmx.acquireTimedOut(poolName, 5);
        }, "late calls after close are harmless");
    }

    @Test
    void secondRegistrationOfALiveNameFailsNamingThePool() {
        String poolName = "notify-" + IDS.incrementAndGet();
        PoolJmx first = register(poolName);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> register(poolName));

        assertTrue(e.getMessage().contains("'" + poolName + "'"), e.getMessage());
        assertTrue(SERVER.isRegistered(first.objectName()), "the live pool keeps its registration");
    }

    @Test
    void aNameIsFreeAgainOnceItsPoolClosed() {
        String poolName = "notify-" + IDS.incrementAndGet();
        register(poolName).closed(poolName);

        PoolJmx second = register(poolName);

        assertTrue(SERVER.isRegistered(second.objectName()));
    }
}
