// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.net.URL;

/**
 * An application deployed the way users deploy: the container discovers its beans (no
 * {@code disableDiscovery}) and finds the extension through {@code META-INF/services}. Run by
 * {@link DiscoveryTest} in a JVM of its own; arguments {@code key=value} become initializer
 * properties ({@code true}/{@code false} as booleans). Reports what it found as {@link ChildJvm#REPORT} lines.
 */
public final class DiscoveryApp {

    /** Where the extension's classes come from: the library, not this application. */
    private static final URL LIBRARY = PoolExtension.class.getProtectionDomain().getCodeSource().getLocation();

    private DiscoveryApp() {
    }

    @ApplicationScoped
    public static class Pools {
        @Produces @Pool("discovered-app") @ApplicationScoped
        PoolConfig<String> app() {
            return PoolConfig.<String>builder().create(() -> "app").max(7).build();
        }

        @Produces @Pool("discovered-request") @RequestScoped
        PoolConfig<String> request() {
            return PoolConfig.<String>builder().create(() -> "request").build();
        }
    }

    /** Holds client proxies of the normal-scoped pools in plain fields. */
    @Dependent
    public static class Client {
        @Inject @Pool("discovered-app") ResourcePool<String> app;
        @Inject @Pool("discovered-request") ResourcePool<String> request;
        @Inject PoolRegistry registry;
    }

    /** Copied into the archive only when it has a {@code beans.xml} in annotated mode, where it is no bean. */
    public static class NotABean {
        @Inject @Pool("nope") ResourcePool<String> pool;
    }

    public static void main(String[] args) throws Exception {
        SeContainerInitializer initializer = SeContainerInitializer.newInstance();
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            // Containers expect flags as Boolean objects, not strings.
            initializer.addProperty(arg.substring(0, arg.indexOf('=')),
                    value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value);
        }
        ResourcePool<?> app;
        try (SeContainer container = initializer.initialize()) {
            BeanManager beans = container.getBeanManager();
            report("registryBeans", beans.getBeans(PoolRegistry.class, Any.Literal.INSTANCE).size());
            report("livePoolsBeans", beans.getBeans(LivePools.class, Any.Literal.INSTANCE).size());
            report("libraryBeans", beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                    .filter(bean -> bean.getBeanClass().getProtectionDomain().getCodeSource() != null
                            && LIBRARY.equals(bean.getBeanClass().getProtectionDomain().getCodeSource().getLocation()))
                    .map(bean -> bean.getBeanClass().getSimpleName()).sorted().toList());
            report("poolRegistryIsLookedUp", container.select(PoolRegistry.class).isResolvable());
            report("notABeanIsUnsatisfied", present("dev.scopepool.cdi.DiscoveryApp$NotABean")
                    && container.select(NotABean.class).isUnsatisfied());

            Client client = container.select(Client.class).get();
            client.app.release(client.app.acquire());
            report("appPool", client.app.name());
            report("appMax", client.app.config().max());
            RequestContextController request = container.select(RequestContextController.class).get();
            request.activate();
            try {
                client.request.release(client.request.acquire());
                report("requestPool", client.request.name());
                report("registered", client.registry.pools().keySet());
            } finally {
                request.deactivate();
            }
            app = client.registry.get("discovered-app").orElseThrow();
            report("microProfileConfig", present("org.eclipse.microprofile.config.ConfigProvider"));
        }
        report("appClosedAtShutdown", app.isClosed());
    }

    private static void report(String key, Object value) {
        System.out.println(ChildJvm.REPORT + key + "=" + value);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, DiscoveryApp.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
