// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs a small application in a JVM of its own, on this run's class path minus the test
 * classes (and minus whatever else a test removes), plus an archive directory the test built.
 *
 * <p>Why a separate JVM: bean discovery scans the whole class path, and this run's test
 * classes hold fixtures that must fail deployment (duplicate names, undeclared pools). Only a
 * class path without them shows what an application deploying its own jar would see. The
 * application reports what it found as {@code scopepool-test: key=value} lines.
 */
final class ChildJvm {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** How an application's report lines start; a constant, so the application need not load this class. */
    static final String REPORT = "scopepool-test: ";

    /** Test-only jars the application does not need; some containers would scan them. */
    private static final List<String> TEST_ONLY = List.of("junit-", "opentest4j-", "apiguardian-", "surefire",
            "mockito-", "byte-buddy");

    /** What the application reported, and everything it printed, for failure messages. */
    record Outcome(int exitCode, Map<String, String> reported, String output) {

        String get(String key) {
            assertEquals(0, exitCode, () -> "the application failed:\n" + output);
            assertTrue(reported.containsKey(key), () -> "not reported: " + key + "\n" + output);
            return reported.get(key);
        }
    }

    private ChildJvm() {
    }

    /**
     * @param archive a directory put first on the class path
     * @param drop class path entries (file names) to leave out as well, e.g. an optional library
     * @param jvmOptions e.g. system properties, before the main class
     */
    static Outcome run(Class<?> main, Path archive, Predicate<String> drop, List<String> jvmOptions,
            List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath(archive, drop));
        command.addAll(jvmOptions);
        command.add(main.getName());
        command.addAll(args);
        Path output = Files.createTempFile("scopepool-child", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("the application did not end within " + TIMEOUT + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Map<String, String> reported = new LinkedHashMap<>();
            printed.lines().filter(line -> line.startsWith(REPORT)).map(line -> line.substring(REPORT.length()))
                    .forEach(line -> reported.put(line.substring(0, line.indexOf('=')),
                            line.substring(line.indexOf('=') + 1)));
            return new Outcome(process.exitValue(), reported, printed);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Surefire may start tests through a manifest-only jar; it names the real class path in
     * {@code surefire.test.class.path}.
     */
    private static String classPath(Path archive, Predicate<String> drop) {
        String testClasses = testClassesDirectory();
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>();
        entries.add(archive.toString());
        Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty() && !Path.of(entry).toAbsolutePath().toString().equals(testClasses))
                .filter(entry -> TEST_ONLY.stream().noneMatch(Path.of(entry).getFileName().toString()::startsWith))
                .filter(entry -> !drop.test(Path.of(entry).getFileName().toString()))
                .forEach(entries::add);
        return entries.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static String testClassesDirectory() {
        try {
            return Path.of(ChildJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies test classes (and their nested classes named) into an archive directory. */
    static void copyClasses(Path archive, Class<?>... classes) throws IOException {
        for (Class<?> type : classes) {
            String file = type.getName().replace('.', '/') + ".class";
            copyResource(file, archive.resolve(file));
        }
    }

    static void copyResource(String resource, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (var in = ChildJvm.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("not on the test class path: " + resource);
            }
            Files.copy(in, target);
        }
    }
}
