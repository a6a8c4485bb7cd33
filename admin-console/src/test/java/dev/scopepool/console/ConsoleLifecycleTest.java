// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolsMBean;
import dev.scopepool.console.demo.DemoPools;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the whole console in this JVM, and what it leaves behind: nothing. */
class ConsoleLifecycleTest {

    private static final String PASSWORD = "lifecycle-pw";
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    private static ConsoleOptions options(boolean auth, boolean load) {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(auth ? List.of("--password", PASSWORD) : List.of("--no-auth"));
        if (!load) {
            args.add("--no-load");
        }
        return ConsoleOptions.parse(args.toArray(String[]::new), Map.of());
    }

    /**
     * @return the MBeans the console's pools and demo register; the all-pools overview is left
     *         out, since the engine registers it once for the JVM's life
     */
    private Set<ObjectName> scopepoolMBeans() throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("dev.scopepool:*"), null);
        names.remove(new ObjectName(PoolsMBean.OBJECT_NAME));
        return names;
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static Set<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).collect(Collectors.toSet());
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void closeLeavesNoPortThreadOrMBeanBehind() throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        AdminConsole console = AdminConsole.start(options(true, true));
        int port = console.port();
        ObjectName database = new ObjectName(JolokiaClient.pool(DemoPools.DATABASE));
        try {
            assertTrue(port > 0);
            assertTrue(!portIsFree(port), "the console holds its port while running");
            assertEquals(Set.of(DemoPools.DATABASE, DemoPools.HTTP, DemoPools.WORKERS), Set.copyOf(console.poolNames()));
            assertEquals(6, scopepoolMBeans().size(), "3 pools and 3 demo behaviours: " + scopepoolMBeans());
            assertTrue(console.isLoadRunning());
            BoundedPoll.await("the load generator borrows connections", 10,
                    () -> attribute(database, "Acquired") > 0);
            assertEquals(200, JolokiaClient.as(console.url(), "admin", PASSWORD).version().httpStatus());
        } finally {
            console.close();
        }

        assertTrue(portIsFree(port), "port " + port + " is released");
        assertEquals(Set.of(), scopepoolMBeans(), "the pools' and behaviours' MBeans are gone");
        BoundedPoll.await("only the threads from before are non-daemon", 5, () -> {
            Set<Thread> extra = liveNonDaemonThreads();
            extra.removeAll(before);
            return extra.isEmpty();
        });
        BoundedPoll.await("no pool, load or HTTP thread of the console is left", 5,
                () -> names(Set.copyOf(Thread.getAllStackTraces().keySet())).stream()
                        .noneMatch(n -> n.startsWith("scopepool-")));
        console.close();
    }

    private long attribute(ObjectName name, String attribute) {
        try {
            return ((Number) jmx.getAttribute(name, attribute)).longValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aChosenPasswordIsWipedOnceTheConsoleHoldsItsDigest() throws Exception {
        ConsoleOptions options = options(true, false);
        try (AdminConsole console = AdminConsole.start(options)) {
            assertTrue(options.password().isWiped(), "the password is no longer held in clear");
            assertEquals(200, JolokiaClient.as(console.url(), "admin", PASSWORD).version().httpStatus(),
                    "and logging in with it still works");
        }
    }

    @Test
    void aGeneratedPasswordIsWipedAfterTheBannerShowedIt() throws Exception {
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--port", "0", "--no-load"}, Map.of());
        try (AdminConsole console = AdminConsole.start(options)) {
            String banner = ConsoleMain.banner(console);
            assertTrue(banner.contains(new String(options.password().reveal())), banner);
        }
    }

    @Test
    void oneConsoleRunsPerJvm() throws Exception {
        try (AdminConsole first = AdminConsole.start(options(true, false))) {
            assertThrows(IllegalStateException.class, () -> AdminConsole.start(options(true, false)));
            assertEquals(200, JolokiaClient.as(first.url(), "admin", PASSWORD).version().httpStatus(),
                    "the refused second start left the first one working");
        }
    }

    @Test
    void withoutAuthenticationLoopbackClientsNeedNoLogin() throws Exception {
        try (AdminConsole console = AdminConsole.start(options(false, false))) {
            JolokiaClient.Answer answer = JolokiaClient.anonymous(console.url())
                    .read(JolokiaClient.pool(DemoPools.DATABASE), "Total");
            assertEquals(200, answer.httpStatus(), answer.body());
            assertEquals(2, answer.value().asInt(-1));
        }
    }

    @Test
    void aFailedStartUndoesWhatHadStarted(@TempDir Path empty) throws Exception {
        System.setProperty(AdminConsole.WAR_PROPERTY, empty.resolve("missing.war").toString());
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> AdminConsole.start(options(true, true)));
            assertTrue(e.getMessage().contains("missing.war"), e.getMessage());
        } finally {
            System.clearProperty(AdminConsole.WAR_PROPERTY);
        }
        assertEquals(Set.of(), scopepoolMBeans(), "the pools created before the failure are closed");
        try (AdminConsole console = AdminConsole.start(options(true, false))) {
            assertEquals(3, console.poolNames().size(), "a console starts again after a failed start");
        }
    }
}
