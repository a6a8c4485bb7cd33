// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/** A Jakarta EE server the sample WAR is deployed to, under any application name. */
interface ServerUnderTest extends AutoCloseable {

    /** The sample application, as the build packaged it. */
    Path WAR = Paths.get(System.getProperty("example.war", "target/jakarta-ee-app.war"));

    String name();

    /** Deploys the sample WAR as {@code app} (its context root and application name) and waits until it runs. */
    void deploy(String app) throws IOException;

    /** Undeploys {@code app} and waits until the server says it stopped. */
    void undeploy(String app) throws IOException;

    /** @return the URL of a path of {@code app}'s REST API */
    URI api(String app, String path);

    /** @return the server's JVM */
    ProcessHandle jvm();

    @Override
    void close();

    /** Puts the WAR into a watched directory in one step, so the server never reads half a file. */
    static void dropInto(Path watched, String app) throws IOException {
        Path staging = watched.resolveSibling(watched.getFileName() + "-staging");
        Files.createDirectories(staging);
        Path copy = Files.copy(WAR, staging.resolve(app + ".war"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(copy, watched.resolve(app + ".war"), StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return a free loopback port, to start a server off the defaults other builds may be using */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
