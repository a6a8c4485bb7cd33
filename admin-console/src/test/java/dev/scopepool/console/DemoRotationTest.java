// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.demo.DemoPools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo pools rotate their resources as an operator watching Hawtio would see it: the
 * retirement counters move. The demo's own durations (45 s, 15 s) are shortened through
 * {@code --config}, which is also how an operator would speed the demo up.
 */
class DemoRotationTest {

    @TempDir
    Path dir;

    private AdminConsole start(String settings, boolean load) throws Exception {
        Path file = Files.writeString(dir.resolve("pools.properties"), settings);
        List<String> args = new ArrayList<>(List.of("--port", "0", "--no-auth", "--config", file.toString()));
        if (!load) {
            args.add("--no-load");
        }
        return AdminConsole.start(ConsoleOptions.parse(args.toArray(String[]::new), Map.of()));
    }

    private static long read(JolokiaClient jolokia, String pool, String attribute) throws Exception {
        JolokiaClient.Answer answer = jolokia.read(JolokiaClient.pool(pool), attribute);
        assertTrue(answer.allowed(), answer.body());
        return answer.value().asLong();
    }

    @Test
    void httpClientsAboveTheMinimumAreRetiredOnceIdle() throws Exception {
        try (AdminConsole console = start("scopepool.catalog-http.idle-timeout=500ms\n", false)) {
            JolokiaClient jolokia = JolokiaClient.anonymous(console.url());
            String pool = JolokiaClient.pool(DemoPools.HTTP);
            assertTrue(jolokia.write(pool, "Min", 3).allowed());
            assertTrue(jolokia.exec(pool, "initialize").allowed());
            assertEquals(3, read(jolokia, DemoPools.HTTP, "Total"));

            assertTrue(jolokia.write(pool, "Min", 1).allowed());

            BoundedPoll.await("the two idle clients above the minimum are retired", 10,
                    () -> read(jolokia, DemoPools.HTTP, "RetiredByIdle") == 2
                            && read(jolokia, DemoPools.HTTP, "Total") == 1);
        }
    }

    @Test
    void underLoadHttpClientsAreReplacedByAgeAndWorkersByUse() throws Exception {
        try (AdminConsole console = start("scopepool.catalog-http.max-lifetime=1s\n", true)) {
            JolokiaClient jolokia = JolokiaClient.anonymous(console.url());

            BoundedPoll.await("catalog-http retires a client past its lifetime", 15,
                    () -> read(jolokia, DemoPools.HTTP, "RetiredByAge") > 0);
            // 3 clients share 2 workers, each retired after its 50th loan.
            BoundedPoll.await("report-workers retires a worker after its last allowed loan", 60,
                    () -> read(jolokia, DemoPools.WORKERS, "RetiredByUses") > 0);
            // The replacement is created in the background, a moment after the retirement counts.
            BoundedPoll.await("a retired worker is replaced", 15,
                    () -> read(jolokia, DemoPools.WORKERS, "Created") > 2);
        }
    }
}
