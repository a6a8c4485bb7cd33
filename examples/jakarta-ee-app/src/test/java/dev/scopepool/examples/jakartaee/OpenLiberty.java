// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open Liberty as unpacked from its runtime zip, with a server of the features the sample
 * needs, listening on a free loopback port. Deploys through {@code dropins} (polled every
 * 200 ms) and follows its messages log: CWWKZ0001I when an application started, CWWKZ0009I when
 * it stopped.
 */
final class OpenLiberty implements ServerUnderTest {

    private static final String SERVER = "scopepool-it";
    private static final String SERVER_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <server description="scopepool's sample application">
                <featureManager>
                    <feature>cdi-4.0</feature>
                    <feature>restfulWS-3.1</feature>
                    <feature>jsonb-3.0</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>jndi-1.0</feature>
                </featureManager>
                <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="${http.port}" httpsPort="-1"/>
                <applicationMonitor updateTrigger="polled" pollingRate="200ms" dropins="dropins"/>
            </server>
            """;

    private final Path home = Paths.get(System.getProperty("liberty.home"));
    private final Path server = home.resolve("usr/servers/" + SERVER);
    private final Path dropins = server.resolve("dropins");
    private final Path messages = server.resolve("logs/messages.log");
    private final int port;
    private final ServerProcess process;
    private final ProcessHandle jvm;

    OpenLiberty() throws IOException {
        port = ServerUnderTest.freePort();
        Files.createDirectories(dropins);
        try (var old = Files.list(dropins)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(server.resolve("server.xml"), SERVER_XML);
        Files.writeString(server.resolve("bootstrap.properties"), "http.port=" + port + "\n");
        // Liberty keeps its latest log messages, with their parameters (here RESTEasy's, which
        // name the application's classes), behind soft references, and a pending finalizer holds a
        // stopped application's info for one more GC. Softly held is collectable (the JVM clears
        // soft references before it runs out of memory); clearing them at every GC lets the class
        // loader count show what is strongly held.
        Files.writeString(server.resolve("jvm.options"), "-XX:SoftRefLRUPolicyMSPerMB=0\n");
        Files.deleteIfExists(messages);
        home.resolve("bin/server").toFile().setExecutable(true);
        process = ServerProcess.start("Open Liberty", List.of("bin/server", "run", SERVER), home, Map.of(),
                server.resolve("console.log"));
        try {
            process.await("Open Liberty is ready", Duration.ofMinutes(4), () -> messages().contains("CWWKF0011I"));
            jvm = process.jvm("ws-server.jar");
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    private String messages() {
        try {
            return Files.exists(messages) ? Files.readString(messages) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private int count(String message) {
        Matcher m = Pattern.compile(Pattern.quote(message)).matcher(messages());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Override
    public String name() {
        return "Open Liberty";
    }

    @Override
    public void deploy(String app) throws IOException {
        String started = "CWWKZ0001I: Application " + app + " started";
        int before = count(started);
        ServerUnderTest.dropInto(dropins, app);
        process.await(app + " is started", Duration.ofMinutes(2), () -> {
            String log = messages();
            if (log.contains("CWWKZ0002E: An exception occurred while starting the application " + app)) {
                throw new AssertionError(app + " failed to start:\n" + ServerProcess.tail(log));
            }
            return count(started) > before;
        });
    }

    @Override
    public void undeploy(String app) throws IOException {
        String stopped = "CWWKZ0009I: The application " + app + " has stopped successfully";
        int before = count(stopped);
        Files.delete(dropins.resolve(app + ".war"));
        process.await(app + " has stopped", Duration.ofMinutes(2), () -> count(stopped) > before);
    }

    @Override
    public URI api(String app, String path) {
        return URI.create("http://127.0.0.1:" + port + "/" + app + "/api/" + path);
    }

    @Override
    public ProcessHandle jvm() {
        return jvm;
    }

    @Override
    public void close() {
        process.close();
    }
}
