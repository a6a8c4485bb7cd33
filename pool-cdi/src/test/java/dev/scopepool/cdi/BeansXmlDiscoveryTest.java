package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.resources.ClassLoaderResourceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery the way applications deploy: a bean archive with a {@code beans.xml} in
 * annotated mode, and the extension found through its {@code META-INF/services} entry (no
 * {@code addExtension}). The archive is a directory built here with only this test's
 * classes, so the fixtures of the other tests (duplicate names, undeclared pools) are not
 * in it.
 */
class BeansXmlDiscoveryTest {

    @ApplicationScoped
    public static class DiscoveredPools {
        @Produces @Pool("discovered") @ApplicationScoped
        PoolConfig<FakeResource> discovered() {
            return PoolConfig.<FakeResource>builder().create(() -> new FakeResource(1)).build();
        }
    }

    @Dependent
    public static class DiscoveredClient {
        @Inject @Pool("discovered") ResourcePool<FakeResource> pool;
    }

    /** No bean-defining annotation: not a bean in annotated mode, so its unsatisfiable injection point is not checked. */
    public static class NotABean {
        @Inject @Pool("nope") ResourcePool<FakeResource> pool;
    }

    @Test
    void poolsOfAnAnnotatedModeBeanArchiveAreInjectedAndTheExtensionIsFoundByServiceLoader(@TempDir Path archive)
            throws IOException, InterruptedException {
        copy("annotated-archive/beans.xml", archive.resolve("META-INF/beans.xml"));
        for (Class<?> type : new Class<?>[] {DiscoveredPools.class, DiscoveredClient.class, NotABean.class}) {
            String file = type.getName().replace('.', '/') + ".class";
            copy(file, archive.resolve(file));
        }
        ResourcePool<?> pool;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {archive.toUri().toURL()},
                        BeansXmlDiscoveryTest.class.getClassLoader());
                WeldContainer container = new Weld("discovery-" + UUID.randomUUID())
                        .setResourceLoader(new ClassLoaderResourceLoader(loader))
                        .initialize()) {
            assertTrue(container.select(NotABean.class).isUnsatisfied());
            DiscoveredClient client = container.select(DiscoveredClient.class).get();
            FakeResource resource = client.pool.acquire();
            client.pool.release(resource);

            assertEquals("discovered", client.pool.name());
            pool = container.select(PoolRegistry.class).get().get("discovered").orElseThrow();
            assertFalse(pool.isClosed());
        }
        assertTrue(pool.isClosed());
    }

    private static void copy(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = BeansXmlDiscoveryTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("not on the test class path: " + resource);
            }
            Files.copy(in, target);
        }
    }
}
