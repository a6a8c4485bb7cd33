// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Starts CDI SE containers over synthetic archives through the portable
 * {@link SeContainerInitializer} only, so every test runs unchanged on whichever container the
 * class path holds, and checks what pools leave in JMX.
 */
final class Containers {

    private Containers() {
    }

    /**
     * A container over exactly these classes plus the extension and {@link ResourceLedger}.
     * Every test bean carries a bean-defining annotation, so the synthetic archive's discovery
     * mode (which differs between containers) does not matter.
     */
    static SeContainerInitializer initializer(Class<?>... beanClasses) {
        return SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new PoolExtension())
                .addBeanClasses(ResourceLedger.class)
                .addBeanClasses(beanClasses);
    }

    static SeContainer start(Class<?>... beanClasses) {
        return initializer(beanClasses).initialize();
    }

    /**
     * Asserts that the deployment fails as CDI defines it: with a {@link DefinitionException}
     * or {@link DeploymentException} somewhere in the chain (containers wrap them differently).
     * Containers also differ in where they put the problems that extensions report: Weld in the
     * exception, OpenWebBeans in its log (the exception says to look there). The result holds
     * both, so a test can check that the user is told what is wrong either way.
     *
     * <p>The container gets a class loader of its own that only delegates: OpenWebBeans keeps
     * a container that failed to start registered under its class loader, which would make
     * every later start on the same loader fail.
     *
     * @return every message of the failure's cause chain and of what was logged during the
     *         start, one per line
     */
    static String deploymentFailure(SeContainerInitializer initializer) {
        initializer.setClassLoader(new ClassLoader(Containers.class.getClassLoader()) { });
        LoggedProblems logged = LoggedProblems.capture();
        RuntimeException failure;
        try {
            failure = assertThrows(RuntimeException.class, () -> initializer.initialize().close());
        } finally {
            logged.stop();
        }
        assertTrue(causes(failure).anyMatch(t -> t instanceof DefinitionException || t instanceof DeploymentException),
                () -> "not a CDI deployment failure: " + failure);
        return Stream.concat(causes(failure).map(String::valueOf), logged.messages().stream())
                .collect(Collectors.joining("\n"));
    }

    static String deploymentFailure(Class<?>... beanClasses) {
        return deploymentFailure(initializer(beanClasses));
    }

    /** The throwable and its causes, outermost first. */
    static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, Throwable::getCause);
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
