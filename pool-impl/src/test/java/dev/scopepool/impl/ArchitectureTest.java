// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the engine's shape: no class depends, directly or through others, on a class that
 * depends back on it (read from the compiled classes by the JDK's {@code jdeps}, nested classes
 * counted with their outer class), and no source file grows past 500 lines.
 */
class ArchitectureTest {

    private static final Pattern EDGE = Pattern.compile(
            "^\\s+(dev\\.scopepool\\.impl\\.[\\w.$]+)\\s+->\\s+(dev\\.scopepool\\.impl\\.[\\w.$]+)\\s");
    private static final int MAX_LINES = 500;

    @Test
    void noClassOfTheEngineIsInADependencyCycle() throws Exception {
        Path classes = Paths.get(EnginePool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                "-verbose:class", "-filter:none", classes.toString());
        assertEquals(0, status, "jdeps failed: " + out);
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.find()) {
                String from = topLevel(m.group(1));
                String to = topLevel(m.group(2));
                uses.computeIfAbsent(to, k -> new TreeSet<>());
                if (!from.equals(to)) {
                    uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        assertTrue(uses.containsKey("dev.scopepool.impl.EnginePool") && uses.size() > 20,
                "jdeps listed the engine's classes: " + uses.keySet());
        assertEquals(List.of(), cycles(uses), "classes that depend on each other");
    }

    @Test
    void noSourceFileOfTheEngineIsLongerThan500Lines() throws IOException {
        Path sources = Paths.get("src/main/java/dev/scopepool/impl");
        assertTrue(Files.isDirectory(sources), "run from the module's folder: " + sources.toAbsolutePath());
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                try (Stream<String> lines = Files.lines(f)) {
                    long n = lines.count();
                    if (n > MAX_LINES) {
                        tooLong.put(sources.relativize(f).toString(), n);
                    }
                }
            }
        }
        assertEquals(Map.of(), tooLong, "split these along a seam");
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    /** @return the strongly connected components with more than one class (Tarjan's algorithm) */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String v : uses.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, uses, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> uses, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : uses.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, uses, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
