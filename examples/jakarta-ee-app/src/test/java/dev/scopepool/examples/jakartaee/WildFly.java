// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * WildFly as unpacked from its distribution zip, standalone with its default configuration,
 * bound to loopback with a port offset that moves all its ports to free ones. Deploys through
 * the deployment scanner and its marker files.
 */
final class WildFly implements ServerUnderTest {

    /** Every port of the default socket bindings, all moved by the offset. */
    private static final int[] PORTS = {8080, 8443, 9990, 9993, 8009, 4712, 4713};

    private final Path home = Paths.get(System.getProperty("wildfly.home"));
    private final Path deployments = home.resolve("standalone/deployments");
    private final int offset;
    private final ServerProcess process;
    private final ProcessHandle jvm;

    WildFly() throws IOException {
        offset = freeOffset();
        Path config = home.resolve("standalone/configuration/standalone.xml");
        // The scanner polls every 200 ms instead of 5 s. Request threads end after 0.5 s idle: an
        // idle one keeps the last request it ran (and so that deployment's class loader) until it
        // runs another or ends, which is WildFly's to hold, not the application's; ending them
        // lets the class loader count show only what the application leaves.
        Files.writeString(config, Files.readString(config)
                .replace("scan-interval=\"5000\"", "scan-interval=\"200\"")
                .replace("<worker name=\"default\"/>", "<worker name=\"default\" task-core-threads=\"0\" task-keepalive=\"500\"/>"));
        try (var old = Files.list(deployments)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("app-")).toList()) {
                Files.delete(p);
            }
        }
        home.resolve("bin/standalone.sh").toFile().setExecutable(true);
        process = ServerProcess.start("WildFly", List.of("bin/standalone.sh", "-b", "127.0.0.1",
                "-bmanagement", "127.0.0.1", "-Djboss.socket.binding.port-offset=" + offset), home,
                Map.of("LAUNCH_JBOSS_IN_BACKGROUND", "1"), home.resolve("console.log"));
        try {
            process.await("WildFly started", Duration.ofMinutes(4), () -> started(process.log()));
            jvm = process.jvm("jboss-modules.jar");
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
    }

    private static boolean started(String log) {
        if (log.contains("WFLYSRV0026")) {
            throw new AssertionError("WildFly started with errors:\n" + ServerProcess.tail(log));
        }
        return log.contains("WFLYSRV0025");
    }

    private static int freeOffset() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ServerUnderTest.freePort() - PORTS[0];
            if (offset > 0 && allFree(offset)) {
                return offset;
            }
        }
        throw new IOException("no port offset with all of WildFly's ports free");
    }

    private static boolean allFree(int offset) {
        for (int port : PORTS) {
            if (port + offset > 65535) {
                return false;
            }
            try (ServerSocket s = new ServerSocket(port + offset, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return "WildFly";
    }

    @Override
    public void deploy(String app) throws IOException {
        Files.deleteIfExists(deployments.resolve(app + ".war.undeployed"));
        ServerUnderTest.dropInto(deployments, app);
        process.await(app + " is deployed", Duration.ofMinutes(2), () -> {
            Path failed = deployments.resolve(app + ".war.failed");
            if (Files.exists(failed)) {
                throw new AssertionError(app + " failed to deploy: " + read(failed));
            }
            return Files.exists(deployments.resolve(app + ".war.deployed"));
        });
    }

    @Override
    public void undeploy(String app) throws IOException {
        Files.delete(deployments.resolve(app + ".war"));
        process.await(app + " is undeployed", Duration.ofMinutes(2),
                () -> Files.exists(deployments.resolve(app + ".war.undeployed"))
                        && !Files.exists(deployments.resolve(app + ".war.deployed")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URI api(String app, String path) {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/" + app + "/api/" + path);
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
