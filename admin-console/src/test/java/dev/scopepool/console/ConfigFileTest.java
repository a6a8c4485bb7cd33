// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.demo.DemoPools;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config FILE}: MicroProfile Config properties that reshape the demo pools at start. */
class ConfigFileTest {

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    private static AdminConsole start(Path config) throws Exception {
        String[] args = config == null
                ? new String[] {"--port", "0", "--no-auth", "--no-load"}
                : new String[] {"--port", "0", "--no-auth", "--no-load", "--config", config.toString()};
        return AdminConsole.start(ConsoleOptions.parse(args, Map.of()));
    }

    private Object attribute(String pool, String attribute) throws Exception {
        return jmx.getAttribute(new ObjectName(JolokiaClient.pool(pool)), attribute);
    }

    @Test
    void aPropertyInTheFileResizesItsPoolAtStart(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pools.properties"), """
                # more connections and a longer wait than the demo's own settings
                scopepool.orders-db.max=6
                scopepool.orders-db.acquire-timeout=250ms
                """);

        try (AdminConsole console = start(file)) {
            assertEquals(6, attribute(DemoPools.DATABASE, "Max"));
            assertEquals(250L, attribute(DemoPools.DATABASE, "AcquireTimeoutMillis"));
            assertEquals(3, attribute(DemoPools.HTTP, "Max"), "pools the file does not name keep their settings");
        }
        try (AdminConsole console = start(null)) {
            assertEquals(3, attribute(DemoPools.DATABASE, "Max"), "the next console without the file does not see it");
        }
    }

    @Test
    void aMalformedValueFailsTheStartNamingTheProperty(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pools.properties"), "scopepool.orders-db.max=six\n");

        Exception failure = assertThrows(Exception.class, () -> start(file));

        assertTrue(messages(failure).contains("scopepool.orders-db.max"), messages(failure));
        assertTrue(messages(failure).contains("six"), messages(failure));
        assertEquals(Set.of(), jmx.queryNames(new ObjectName("dev.scopepool:type=ResourcePool,*"), null),
                "no pool outlives the failed start");
        try (AdminConsole console = start(null)) {
            assertEquals(3, console.poolNames().size(), "a console starts again once the file is fixed");
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
