// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery the way applications deploy, each in a JVM of its own (see {@link ChildJvm}):
 * the library's jar has no {@code beans.xml}, the extension comes from its service entry,
 * and the beans it needs must exist exactly once whether or not the container scans jars
 * without {@code beans.xml}.
 */
class DiscoveryTest {

    private static final Class<?>[] APPLICATION = {DiscoveryApp.class, DiscoveryApp.Pools.class,
        DiscoveryApp.Client.class};

    private static final Predicate<String> NOTHING = name -> false;

    @Test
    void anAnnotatedModeBeanArchiveGetsItsPoolsAndTheRegistryOnce(@TempDir Path archive)
            throws IOException, InterruptedException {
        ChildJvm.copyClasses(archive, APPLICATION);
        ChildJvm.copyClasses(archive, DiscoveryApp.NotABean.class);
        ChildJvm.copyResource("annotated-archive/beans.xml", archive.resolve("META-INF/beans.xml"));

        ChildJvm.Outcome outcome = ChildJvm.run(DiscoveryApp.class, archive, NOTHING, List.of(), List.of());

        assertEquals("true", outcome.get("notABeanIsUnsatisfied"), "annotated mode: no bean-defining annotation, no bean");
        assertDeployedOnce(outcome);
    }

    @Test
    void scanningJarsWithoutBeansXmlDefinesTheRegistryOnceAndNoInternalBeans(@TempDir Path archive)
            throws IOException, InterruptedException {
        ChildJvm.copyClasses(archive, APPLICATION);

        ChildJvm.Outcome outcome = ChildJvm.run(DiscoveryApp.class, archive, NOTHING, List.of(),
                initializerArguments(CdiImplementation.current().implicitScanning()));

        assertDeployedOnce(outcome);
    }

    @Test
    void withoutMicroProfileConfigOnTheClassPathPoolsKeepTheProducersSettings(@TempDir Path archive)
            throws IOException, InterruptedException {
        ChildJvm.copyClasses(archive, APPLICATION);
        Predicate<String> microProfileConfig = name -> name.startsWith("microprofile-config-api")
                || name.startsWith("smallrye-");

        ChildJvm.Outcome outcome = ChildJvm.run(DiscoveryApp.class, archive, microProfileConfig,
                List.of("-Dscopepool.discovered-app.max=3"),
                initializerArguments(CdiImplementation.current().implicitScanning()));

        assertEquals("false", outcome.get("microProfileConfig"));
        assertDeployedOnce(outcome);
        assertEquals("7", outcome.get("appMax"), "nothing reads the property without MicroProfile Config");
    }

    @Test
    void withMicroProfileConfigOnTheClassPathASystemPropertyOverridesTheProducer(@TempDir Path archive)
            throws IOException, InterruptedException {
        ChildJvm.copyClasses(archive, APPLICATION);

        ChildJvm.Outcome outcome = ChildJvm.run(DiscoveryApp.class, archive, NOTHING,
                List.of("-Dscopepool.discovered-app.max=3"),
                initializerArguments(CdiImplementation.current().implicitScanning()));

        assertEquals("true", outcome.get("microProfileConfig"));
        assertEquals("3", outcome.get("appMax"));
    }

    /** An API jar that came in with something else, without an implementation, means no overrides. */
    @Test
    void withTheMicroProfileConfigApiButNoImplementationPoolsKeepTheProducersSettings(@TempDir Path archive)
            throws IOException, InterruptedException {
        ChildJvm.copyClasses(archive, APPLICATION);

        ChildJvm.Outcome outcome = ChildJvm.run(DiscoveryApp.class, archive, name -> name.startsWith("smallrye-"),
                List.of("-Dscopepool.discovered-app.max=3"),
                initializerArguments(CdiImplementation.current().implicitScanning()));

        assertEquals("true", outcome.get("microProfileConfig"), "the API is there");
        assertDeployedOnce(outcome);
        assertEquals("7", outcome.get("appMax"));
    }

    private static void assertDeployedOnce(ChildJvm.Outcome outcome) {
        assertEquals("1", outcome.get("registryBeans"), "PoolRegistry defined exactly once");
        assertEquals("true", outcome.get("poolRegistryIsLookedUp"));
        assertEquals("0", outcome.get("livePoolsBeans"), "internal classes are no beans");
        assertEquals("[PoolExtension, PoolRegistry]", outcome.get("libraryBeans"),
                "the library's only beans: the extension and the registry");
        assertEquals("discovered-app", outcome.get("appPool"));
        String requestPool = outcome.get("requestPool");
        assertEquals(true, requestPool.matches("discovered-request-[0-9]+"), requestPool);
        assertEquals("[discovered-app, " + requestPool + "]", outcome.get("registered"));
        assertEquals("true", outcome.get("appClosedAtShutdown"));
    }

    private static List<String> initializerArguments(Map<String, Object> properties) {
        return properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
