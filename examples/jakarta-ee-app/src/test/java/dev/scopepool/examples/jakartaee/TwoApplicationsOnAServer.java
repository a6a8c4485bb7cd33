// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample WAR deployed twice, as {@code app-a} and {@code app-b}, to one server: every
 * scope over HTTP, both applications apart in JMX, and undeploys that leave nothing of them in
 * the server's JVM (no MBean, no scopepool thread, no class loader), ten times over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoApplicationsOnAServer {

    private static final String A = "app-a";
    private static final String B = "app-b";
    /** Loaded by every deployment of the sample, whether it used a pool or not. */
    private static final String APPLICATION_CLASS = ExampleApplication.class.getName();
    /** Loaded by a deployment once it created a pool. */
    private static final String ENGINE_CLASS = "dev.scopepool.impl.EnginePool";
    private static final int CYCLES = 10;

    private ServerUnderTest server;
    private ServerJvm jvm;

    abstract ServerUnderTest startServer() throws Exception;

    @BeforeAll
    void startTheServer() throws Exception {
        server = startServer();
    }

    /**
     * Attaches to the server's JVM once an application has run: Open Liberty creates the
     * platform MBeanServer (with a builder of its own that an attaching agent cannot load) only
     * when something first asks for it.
     */
    private ServerJvm jvm() throws Exception {
        if (jvm == null) {
            jvm = new ServerJvm(server.jvm());
        }
        return jvm;
    }

    @AfterAll
    void stopServer() throws IOException {
        try {
            if (jvm != null) {
                jvm.close();
            }
        } finally {
            server.close();
        }
    }

    private String get(String app, String path) throws IOException, InterruptedException {
        return Http.get(server.api(app, path));
    }

    @Test
    @Order(1)
    void everyScopeWorksInTwoApplicationsThatStayApartInJmx() throws Exception {
        server.deploy(A);
        server.deploy(B);
        try {
            // Application scope: one pool per application, shared by its requests; the WAR's
            // MicroProfile Config raised max from 4 to 7.
            String first = get(A, "shared?message=one");
            String second = get(A, "shared?message=two");
            assertEquals("shared", Http.text(first, "pool"));
            assertEquals(7, Http.number(first, "max"), first);
            assertEquals(Http.number(first, "acquired") + 1, Http.number(second, "acquired"), second);
            assertTrue(first.contains("\"dev.scopepool:type=ResourcePool,app=app-a,name=shared\""), first);
            String other = get(B, "shared?message=one");
            assertEquals(1, Http.number(other, "acquired"), "app-b's pool is its own: " + other);
            assertTrue(other.contains("\"dev.scopepool:type=ResourcePool,app=app-b,name=shared\""), other);

            // Request scope: a pool per request, registered while the request runs, closed at its end.
            String r1 = get(A, "per-request?message=one");
            String r2 = get(A, "per-request?message=two");
            String pool1 = Http.text(r1, "pool");
            assertTrue(pool1.startsWith("per-request-"), r1);
            assertNotEquals(pool1, Http.text(r2, "pool"));
            assertEquals(3000, Http.number(r1, "acquireTimeoutMillis"), "the WAR's acquire-timeout=3s: " + r1);
            assertEquals(1, Http.number(r2, "acquired"), "a fresh pool: " + r2);
            assertTrue(r1.contains("\"dev.scopepool:type=ResourcePool,app=app-a,name=" + pool1 + "\""), r1);

            // Twenty concurrent requests over both applications: twenty pools, twenty names.
            assertEquals(20, concurrentPerRequestPools(20).size());

            // Dependent: the pool of a request-scoped resource, closed with it.
            String d = get(B, "dependent?message=one");
            String dependentPool = Http.text(d, "pool");
            assertTrue(dependentPool.startsWith("dependent-"), d);
            assertTrue(d.contains("\"dev.scopepool:type=ResourcePool,app=app-b,name=" + dependentPool + "\""), d);

            // CDI events, observed by the application.
            String events = get(A, "events");
            for (String expected : List.of("created shared", "created " + pool1, "closed " + pool1)) {
                assertTrue(events.contains("\"" + expected + "\""), expected + " in " + events);
            }

            // The server's JMX, read through an application and by the JDK's tools, shows both
            // applications' pools apart, and no request's pool once its request ended.
            String view = get(B, "jmx");
            for (String mbean : List.of("dev.scopepool:type=ResourcePool,app=app-a,name=shared",
                    "dev.scopepool:type=ResourcePool,app=app-b,name=shared", "dev.scopepool:type=Pools,app=app-a",
                    "dev.scopepool:type=Pools,app=app-b")) {
                assertTrue(view.contains("\"" + mbean + "\""), mbean + " in " + view);
            }
            awaitMBeans(Set.of("dev.scopepool:type=Pools,app=app-a", "dev.scopepool:type=Pools,app=app-b",
                    "dev.scopepool:type=ResourcePool,app=app-a,name=shared",
                    "dev.scopepool:type=ResourcePool,app=app-b,name=shared"));

            // JFR: the deployments see jdk.jfr (WildFly because pool-impl's manifest asks for it),
            // so a recording in the server gets the pools' statistics.
            Set<String> recorded = jvm().recordPoolStatistics("shared", Duration.ofSeconds(60), Paths.get("target"));
            assertTrue(recorded.contains("shared"), "PoolStatistics events recorded for " + recorded);
        } finally {
            undeployAll(A, B);
        }
        Leftovers left = awaitNothingLeft();
        record("after the first two applications: " + left);
    }

    private Set<String> concurrentPerRequestPools(int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String app = i % 2 == 0 ? A : B;
                Callable<String> call = () -> Http.text(get(app, "per-request?message=concurrent"), "pool");
                answers.add(clients.submit(call));
            }
            Set<String> pools = new TreeSet<>();
            for (Future<String> answer : answers) {
                pools.add(answer.get(2, TimeUnit.MINUTES));
            }
            return pools;
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void tenDeployUndeployCyclesLeaveNothingBehind() throws Exception {
        List<Leftovers> cycles = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            server.deploy(A);
            server.deploy(B);
            try {
                for (String app : List.of(A, B)) {
                    get(app, "shared?message=" + cycle);
                    get(app, "per-request?message=" + cycle);
                    get(app, "dependent?message=" + cycle);
                }
                Set<String> live = awaitMBeans(Set.of("dev.scopepool:type=Pools,app=app-a",
                        "dev.scopepool:type=Pools,app=app-b", "dev.scopepool:type=ResourcePool,app=app-a,name=shared",
                        "dev.scopepool:type=ResourcePool,app=app-b,name=shared"));
                String view = get(A, "jmx");
                assertTrue(Pattern.compile("\"dev.scopepool:type=Pools,app=app-a\":\\{\"pools\":\\[[^\\]]*\"shared\"")
                        .matcher(view).find(), "the redeployed application's overview lists its pool: " + view);
                int loaders = jvm().classLoadersWith(APPLICATION_CLASS);
                assertTrue(loaders >= 2, "both running deployments' class loaders are counted: " + loaders);
                record("cycle " + cycle + " while deployed: MBeans " + live.size() + ", scopepool threads "
                        + jvm().scopepoolThreads().size() + ", class loaders of the application " + loaders);
            } finally {
                undeployAll(A, B);
            }
            Leftovers left = awaitNothingLeft();
            cycles.add(left);
            record("cycle " + cycle + " after undeploy: " + left);
        }
        Leftovers first = cycles.get(0);
        Leftovers last = cycles.get(CYCLES - 1);
        assertTrue(last.heapBytes() < first.heapBytes() + 64L * 1024 * 1024,
                "heap after GC grew from " + first + " to " + last);
    }

    /**
     * Waits (bounded) until the server's MBeans are exactly these: a request's pool closes when
     * its request context ends, which may be a moment after the client read the response.
     */
    private Set<String> awaitMBeans(Set<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> live = jvm().scopepoolMBeans();
        while (!live.equals(expected) && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(100); // polling interval of a bounded wait
            live = jvm().scopepoolMBeans();
        }
        assertEquals(expected, live);
        return live;
    }

    private void undeployAll(String... apps) throws IOException {
        AssertionError failed = null;
        for (String app : apps) {
            try {
                server.undeploy(app);
            } catch (AssertionError | IOException e) {
                failed = failed == null ? new AssertionError("undeploy failed", e) : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** What the server's JVM holds of the sample after a full GC. */
    record Leftovers(Set<String> mbeans, List<String> threads, int applicationLoaders, int engineLoaders,
            long heapBytes) {

        boolean none() {
            return mbeans.isEmpty() && threads.isEmpty() && applicationLoaders == 0 && engineLoaders == 0;
        }

        @Override
        public String toString() {
            return "MBeans " + mbeans.size() + mbeans + ", scopepool threads " + threads.size() + threads
                    + ", class loaders of the application " + applicationLoaders + " (with the engine "
                    + engineLoaders + "), heap after GC " + heapBytes / (1024 * 1024) + " MB";
        }
    }

    private Leftovers leftovers() throws Exception {
        ServerJvm attached = jvm();
        attached.gc();
        return new Leftovers(attached.scopepoolMBeans(), attached.scopepoolThreads(),
                attached.classLoadersWith(APPLICATION_CLASS), attached.classLoadersWith(ENGINE_CLASS),
                attached.heapUsed());
    }

    /**
     * Polls (bounded) until the undeployed applications left nothing: a server may finish
     * releasing a deployment's last references a moment after it reported the undeploy.
     */
    private Leftovers awaitNothingLeft() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Leftovers left = leftovers();
        while (!left.none() && System.nanoTime() - deadline < 0) {
            TimeUnit.MILLISECONDS.sleep(500); // polling interval of a bounded wait
            left = leftovers();
        }
        Leftovers last = left;
        assertTrue(last.none(), () -> "after undeploy, " + server.name() + " still holds: " + last);
        return last;
    }

    private void record(String line) throws IOException {
        String entry = server.name() + ", " + line;
        System.out.println(entry);
        Path file = Paths.get("target", "server-measurements.txt");
        Files.writeString(file, entry + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
