// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import dev.scopepool.console.demo.DemoPools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code target/admin-console.jar} as a user runs it: {@code java -jar}, read the
 * banner, log in with what it printed, attach as JConsole does, stop it with a signal as
 * Ctrl-C does.
 * Runs after {@code package} (failsafe), since it needs the jar, its {@code lib/} and the war.
 */
class ConsoleJarIT {

    private static final Path JAR = Path.of("target", "admin-console.jar");
    private static final Pattern URL = Pattern.compile("admin console: (http://\\S+)");
    private static final Pattern PASSWORD = Pattern.compile("Log in as 'admin' with password: (\\S+)");

    /** A started process with its output collected line by line, so waits can be bounded. */
    private record Console(Process process, BlockingQueue<String> lines, List<String> seen) {

        static Console start(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().remove(ConsoleOptions.USER_ENV);
            builder.environment().remove(ConsoleOptions.PASSWORD_ENV);
            Process process = builder.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(output lost: " + e + ")");
                }
            }, "console-output");
            reader.setDaemon(true);
            reader.start();
            return new Console(process, lines, new ArrayList<>());
        }

        /** @return the first line matching, waiting at most {@code seconds} for it */
        Matcher awaitLine(Pattern pattern, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (Matcher m : seenMatches(pattern)) {
                return m;
            }
            while (System.nanoTime() < deadline) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    break;
                }
                seen.add(line);
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            throw new AssertionError("No line matching " + pattern + " within " + seconds + " s; output: " + seen);
        }

        private List<Matcher> seenMatches(Pattern pattern) {
            return seen.stream().map(pattern::matcher).filter(Matcher::find).toList();
        }

        int awaitExit(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Did not exit within " + seconds + " s; output: " + seen);
            }
            lines.drainTo(seen);
            return process.exitValue();
        }
    }

    @Test
    void startsPrintsAWorkingGeneratedLoginAndStopsCleanlyOnSignal() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after package: " + JAR.toAbsolutePath());
        Console console = Console.start("--port", "0", "--no-load");
        try {
            URI url = URI.create(console.awaitLine(URL, 90).group(1));
            String password = console.awaitLine(PASSWORD, 5).group(1);
            console.awaitLine(Pattern.compile("Press Ctrl-C to stop"), 5);

            assertEquals(200, JolokiaClient.as(url, "admin", password).version().httpStatus());
            JolokiaClient.Answer anonymous = JolokiaClient.anonymous(url).version();
            assertTrue(anonymous.httpStatus() == 401 || anonymous.httpStatus() == 403, anonymous.body());
            assertEquals(2, JolokiaClient.as(url, "admin", password)
                    .read(JolokiaClient.pool(DemoPools.DATABASE), "Total").value().asInt(-1));
            assertEquals(3, poolsSeenByLocalAttach(console.process()),
                    "JConsole and VisualVM attach like this and see the same pools");

            // SIGTERM runs the shutdown hook as Ctrl-C's SIGINT does. Through the handle, because
            // Process.destroy() also closes our end of its output, losing the last lines.
            console.process().toHandle().destroy();
            int exit = console.awaitExit(60);
            assertTrue(console.seen().contains("Admin console stopped."), "output: " + console.seen());
            assertEquals(143, exit, "terminated by SIGTERM after the hook ran");
        } finally {
            console.process().destroyForcibly();
        }
    }

    /**
     * The packaged class path carries what the optional parts need at run time (SmallRye Config,
     * Curator, the ZooKeeper server), without the test class path's help.
     */
    @Test
    void runsWithAConfigFileAndAnEmbeddedZooKeeperFromThePackagedJar(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("pools.properties"), "scopepool.orders-db.max=5\n");
        Console console = Console.start("--port", "0", "--no-load", "--no-auth", "--config", config.toString(),
                "--zookeeper", "embedded", "--fleet-max", "7");
        try {
            URI url = URI.create(console.awaitLine(URL, 90).group(1));
            console.awaitLine(Pattern.compile("Fleet budgets: .* on ZooKeeper 127\\.0\\.0\\.1:\\d+ \\(embedded\\), 7 per pool"), 5);
            JolokiaClient.Answer answer = JolokiaClient.anonymous(url)
                    .read(JolokiaClient.pool(DemoPools.DATABASE), "Max", "FleetBudget", "Total");
            assertTrue(answer.allowed(), answer.body());
            assertEquals(5, answer.value().path("Max").asInt(), answer.body());
            assertEquals(7, answer.value().path("FleetBudget").asInt(), answer.body());
            assertEquals(2, answer.value().path("Total").asInt(), "created with permits: " + answer.body());

            console.process().toHandle().destroy();
            console.awaitExit(60);
            assertTrue(console.seen().contains("Admin console stopped."), "output: " + console.seen());
        } finally {
            console.process().destroyForcibly();
        }
    }

    /** @return the scopepool pools a JMX client attached to the process the way JConsole does sees */
    private static int poolsSeenByLocalAttach(Process process) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            return jmx.getMBeanServerConnection()
                    .queryNames(new ObjectName("dev.scopepool:type=ResourcePool,*"), null).size();
        }
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception {
        Console console = Console.start("--help");
        assertNotNull(console.awaitLine(Pattern.compile("--no-auth"), 30));
        assertEquals(0, console.awaitExit(30));
    }

    @Test
    void refusesToServeWithoutAuthenticationBeyondLoopback() throws Exception {
        Console console = Console.start("--no-auth", "--host", "0.0.0.0");
        assertNotNull(console.awaitLine(Pattern.compile("Refusing to serve the console without authentication"), 30));
        assertEquals(2, console.awaitExit(30));
    }

    @Test
    void refusesPlainHttpBeyondLoopbackWithoutTls() throws Exception {
        Console console = Console.start("--host", "0.0.0.0", "--port", "0");
        assertNotNull(console.awaitLine(Pattern.compile("Refusing to serve the console over plain HTTP"), 30));
        assertEquals(2, console.awaitExit(30));
    }

    @Test
    void refusesAnEmptyHost() throws Exception {
        Console console = Console.start("--host=", "--no-auth", "--port", "0");
        assertNotNull(console.awaitLine(Pattern.compile("--host must not be empty"), 30));
        assertEquals(2, console.awaitExit(30));
    }
}
