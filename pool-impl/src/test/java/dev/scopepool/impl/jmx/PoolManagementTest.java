// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MXBean adapter against a pool whose answers the test controls, through the real
 * platform MBeanServer: what a JMX client reads, and what it sees when a call fails.
 */
class PoolManagementTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final AtomicInteger IDS = new AtomicInteger();

    private static final PoolStats STATS = new PoolStats(3, 1, 2, 0, 0, 4, true,
            5, 3, 0, 7, 4, 1, 2, 1, 70, 0, 0, 0, 0, 0, false);

    private final List<PoolJmx> registrations = new ArrayList<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private ResourcePool<Object> pool;
    private ObjectName name;

    @AfterEach
    void unregister() {
        registrations.forEach(PoolJmx::unregister);
    }

    private void register() {
        String poolName = "mgmt-" + IDS.incrementAndGet();
        @SuppressWarnings("unchecked")
        ResourcePool<Object> mock = mock(ResourcePool.class);
        when(mock.name()).thenReturn(poolName);
        when(mock.config()).thenReturn(PoolConfig.builder().name(poolName).create(Object::new)
                .min(1).max(4).build());
        when(mock.stats()).thenReturn(STATS);
        pool = mock;
        PoolJmx jmx = PoolJmx.register(pool, lastFailure::get, () -> 7);
        registrations.add(jmx);
        name = jmx.objectName();
    }

    @Test
    void getAttributesReadsEveryAttributeFromOneStatsSnapshot() throws Exception {
        register();
        String[] all = Arrays.stream(SERVER.getMBeanInfo(name).getAttributes())
                .map(MBeanAttributeInfo::getName).toArray(String[]::new);

        AttributeList values = SERVER.getAttributes(name, all);

        verify(pool, times(1)).stats();
        assertEquals(all.length, values.size(), "every attribute answered");
        Map<String, Object> byName = values.asList().stream()
                .collect(Collectors.toMap(Attribute::getName, Attribute::getValue));
        assertEquals(3, byName.get("Total"));
        assertEquals(1, byName.get("Available"));
        assertEquals(2, byName.get("InUse"));
        assertEquals(70L, byName.get("MaxAcquireWaitMillis"));
        assertEquals(1, byName.get("Min"));
        assertEquals(4, byName.get("Max"));
        assertEquals("", byName.get("LastHealthCheckFailure"), "empty, not null, before any failure");
        assertEquals(7L, byName.get("PermitWaits"));
        assertEquals(-1, byName.get("FleetBudget"), "no creation permits configured");
    }

    @Test
    void attributesAreExactlyThoseOfTheSpecAndOnlyMinAndMaxAreWritable() throws Exception {
        register();
        MBeanAttributeInfo[] attributes = SERVER.getMBeanInfo(name).getAttributes();

        Set<String> names = Arrays.stream(attributes).map(MBeanAttributeInfo::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> writable = Arrays.stream(attributes).filter(MBeanAttributeInfo::isWritable)
                .map(MBeanAttributeInfo::getName).collect(Collectors.toCollection(TreeSet::new));

        assertEquals(new TreeSet<>(List.of("Name", "Total", "Available", "InUse", "Waiting", "Creating",
                "Unhealthy", "HealthChecksEnabled", "Suspended", "Closed", "AcquireTimeoutMillis",
                "HealthCheckIntervalMillis", "Acquired", "Released", "Invalidated", "Created", "Destroyed",
                "DestroyFailures", "Timeouts", "CreateFailures", "MaxAcquireWaitMillis",
                "LastHealthCheckFailure", "Min", "Max",
                "RetiredByAge", "RetiredByIdle", "RetiredByUses", "Rejected", "Abandoned", "Down",
                "MaxLifetimeMillis", "IdleTimeoutMillis", "MaxUses", "MaxWaiters", "MaxConcurrentCreates",
                "FleetBudget", "PermitWaits")), names);
        assertEquals(new TreeSet<>(List.of("Min", "Max")), writable);
    }

    @Test
    void mbeanInfoDescribesEverythingAndNamesTheResizeParameters() throws Exception {
        register();
        MBeanInfo info = SERVER.getMBeanInfo(name);

        for (MBeanAttributeInfo a : info.getAttributes()) {
            assertFalse(a.getDescription().isBlank() || a.getDescription().contains("exposed for management"),
                    a.getName() + " has a real description: " + a.getDescription());
        }
        for (MBeanOperationInfo op : info.getOperations()) {
            assertFalse(op.getDescription().contains("exposed for management"), op.getName());
            assertEquals(MBeanOperationInfo.ACTION, op.getImpact(), op.getName());
        }
        MBeanOperationInfo resize = Arrays.stream(info.getOperations())
                .filter(op -> op.getName().equals("resize")).findFirst().orElseThrow();
        assertEquals(List.of("min", "max"), Arrays.stream(resize.getSignature())
                .map(MBeanParameterInfo::getName).collect(Collectors.toList()));
        assertEquals(Set.of(ResourcePoolMXBean.HEALTH_CHECK_FAILED, ResourcePoolMXBean.ACQUIRE_TIMEOUT,
                        ResourcePoolMXBean.RESIZE, ResourcePoolMXBean.DOWN, ResourcePoolMXBean.UP),
                Arrays.stream(info.getNotifications()).flatMap(n -> Arrays.stream(n.getNotifTypes()))
                        .collect(Collectors.toSet()));
        for (MBeanNotificationInfo n : info.getNotifications()) {
            assertFalse(n.getDescription().isBlank(), n.getNotifTypes()[0]);
        }
    }

    @Test
    void durationsTooLongForMillisReadAsLongMaxValue() throws Exception {
        register();
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        PoolConfig<Object> config = PoolConfig.builder().name(pool.name()).create(Object::new)
                .acquireTimeout(forever).healthCheckInterval(forever).build();
        when(pool.config()).thenReturn(config);

        assertEquals(Long.MAX_VALUE, SERVER.getAttribute(name, "AcquireTimeoutMillis"));
        assertEquals(Long.MAX_VALUE, SERVER.getAttribute(name, "HealthCheckIntervalMillis"));
    }

    @Test
    void lastHealthCheckFailureShowsTheLatestMessage() throws Exception {
        register();
        lastFailure.set("ping took 6000ms");

        assertEquals("ping took 6000ms", SERVER.getAttribute(name, "LastHealthCheckFailure"));
    }

    @Test
    void settingMaxKeepsMinAndSettingMinKeepsMax() throws Exception {
        register();

        SERVER.setAttribute(name, new Attribute("Max", 8));
        SERVER.setAttribute(name, new Attribute("Min", 2));

        verify(pool).resize(1, 8);
        verify(pool).resize(2, 4);
    }

    @Test
    void invalidBoundsFailWithAMessageNamingPoolAttributeAndRule() throws Exception {
        register();
        doThrow(new IllegalArgumentException("max must be >= 1, was 0")).when(pool).resize(1, 0);

        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.setAttribute(name, new Attribute("Max", 0)));

        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getTargetException());
        assertEquals("Cannot set Max of pool " + pool.name() + " to 0 (Min is 1): max must be >= 1, was 0",
                cause.getMessage());
    }

    @Test
    void interruptedCheckHealthFailsClearlyAndKeepsTheInterrupt() throws Exception {
        register();
        when(pool.checkHealth()).thenThrow(new InterruptedException());

        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.invoke(name, "checkHealth", null, null));

        boolean interrupted = Thread.interrupted();
        assertTrue(interrupted, "the interrupt is restored for the caller's thread");
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getTargetException());
        assertTrue(cause.getMessage().contains(pool.name()) && cause.getMessage().contains("interrupted"),
                cause.getMessage());
    }

    @Test
    void interruptedInitializeFailsClearlyAndKeepsTheInterrupt() throws Exception {
        register();
        doThrow(new InterruptedException()).when(pool).initialize();

        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.invoke(name, "initialize", null, null));

        boolean interrupted = Thread.interrupted();
        assertTrue(interrupted, "the interrupt is restored for the caller's thread");
        assertInstanceOf(IllegalStateException.class, e.getTargetException());
        assertTrue(e.getTargetException().getMessage().contains("interrupted"));
    }

    @Test
    void failuresReachClientsAsJdkExceptionsThatTellTheWholeStory() throws Exception {
        register();
        doThrow(new ResourceCreationException("Cannot create a resource for pool " + pool.name(),
                new IOException("db down"))).when(pool).initialize();

        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.invoke(name, "initialize", null, null));

        Throwable cause = e.getTargetException();
        assertEquals(IllegalStateException.class, cause.getClass(),
                "a class every JMX client can deserialize, not scopepool's nor the factory's");
        assertNull(cause.getCause(), "no scopepool or user class travels in the cause chain");
        assertEquals("Cannot initialize pool " + pool.name() + ": ResourceCreationException: Cannot create "
                + "a resource for pool " + pool.name() + "; caused by java.io.IOException: db down",
                cause.getMessage());
    }

    @Test
    void operationOnAClosedPoolSaysSoInAJdkException() throws Exception {
        register();
        doThrow(new PoolClosedException("Pool " + pool.name() + " is closed", null)).when(pool).suspend();

        RuntimeMBeanException e = assertThrows(RuntimeMBeanException.class,
                () -> SERVER.invoke(name, "suspend", null, null));

        assertEquals(IllegalStateException.class, e.getTargetException().getClass());
        assertTrue(e.getTargetException().getMessage().endsWith("is closed"), e.getTargetException().getMessage());
        verify(pool, never()).resume();
    }
}
