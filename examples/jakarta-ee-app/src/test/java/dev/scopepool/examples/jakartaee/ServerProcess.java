// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A server's launch script and the JVM it starts: output to a log file, bounded waits, and a
 * stop that ends the whole process tree on every path (also when the test JVM exits early).
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process launcher;
    private final Path log;
    private final Thread stopAtExit;

    private ServerProcess(String name, Process launcher, Path log) {
        this.name = name;
        this.launcher = launcher;
        this.log = log;
        this.stopAtExit = new Thread(this::kill, "stop " + name);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    static ServerProcess start(String name, List<String> command, Path directory, Map<String, String> environment,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close(); // no stdin: CI runs without one
        return new ServerProcess(name, process, log);
    }

    /**
     * @return the server's JVM: the launcher itself (a script that ends by exec'ing java) or
     *         its descendant, whose command line holds {@code marker}
     */
    ProcessHandle jvm(String marker) {
        return eventually("the " + name + " JVM is running", Duration.ofSeconds(60),
                () -> Stream.concat(Stream.of(launcher.toHandle()), launcher.descendants())
                        .filter(p -> p.info().commandLine().orElse("").contains(marker)).findFirst().orElse(null));
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits until the condition holds, failing if the server exits or the time runs out. */
    void await(String what, Duration limit, BooleanSupplier condition) {
        eventually(what, limit, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    private <V> V eventually(String what, Duration limit, java.util.function.Supplier<V> value) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (;;) {
            V v = value.get();
            if (v != null) {
                return v;
            }
            if (!launcher.isAlive()) {
                throw new AssertionError(name + " exited (" + launcher.exitValue() + ") before " + what + "; log:\n"
                        + tail(log()));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + limit.toSeconds() + "s waiting until " + what
                        + "; " + name + " log:\n" + tail(log()));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100); // polling interval of a bounded wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    static String tail(String text) {
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }

    /** Asks the tree to end, then ends it by force after a bounded wait. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // The JVM is already running its shutdown hooks: ours just did the same work.
        }
    }

    private void kill() {
        List<ProcessHandle> tree = Stream.concat(launcher.descendants(), Stream.of(launcher.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("could not end " + name + " process " + p.pid() + ": " + e);
            }
        }
    }
}
