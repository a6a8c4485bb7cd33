package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** Starts Weld SE containers over synthetic archives, and checks what pools leave in JMX. */
final class Containers {

    private Containers() {
    }

    /**
     * A container over exactly these classes plus the extension and {@link ResourceLedger};
     * every class is a bean (discovery mode all), as in the SPEC example where
     * {@code OrderService} has no bean-defining annotation. A fresh id per container, so a
     * test that failed to shut its container down cannot break the next one.
     */
    static Weld weld(Class<?>... beanClasses) {
        return new Weld("scopepool-test-" + UUID.randomUUID())
                .disableDiscovery()
                .setBeanDiscoveryMode(org.jboss.weld.bootstrap.spi.BeanDiscoveryMode.ALL)
                .addExtension(new PoolExtension())
                .addBeanClass(ResourceLedger.class)
                .addBeanClasses(beanClasses);
    }

    static WeldContainer start(Class<?>... beanClasses) {
        return weld(beanClasses).initialize();
    }

    static void assertMBeanRegistered(String poolName) {
        assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(objectName(poolName)),
                "MBean of " + poolName + " registered");
    }

    static void assertMBeanGone(String poolName) {
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(objectName(poolName)),
                "MBean of " + poolName + " still registered");
    }

    private static ObjectName objectName(String poolName) {
        try {
            return new ObjectName("dev.scopepool:type=ResourcePool,name=" + poolName);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
