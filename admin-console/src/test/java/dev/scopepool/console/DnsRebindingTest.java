// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.scopepool.console.demo.DemoPools;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A browser led to the console by DNS rebinding sends the attacker's host name in {@code Host};
 * the console answers only to its own names, with or without authentication.
 */
class DnsRebindingTest {

    private static AdminConsole start(String... args) throws Exception {
        return AdminConsole.start(ConsoleOptions.parse(args, Map.of()));
    }

    private static String readTotal(AdminConsole console, String host) throws Exception {
        return RawHttp.get(console.url(), host,
                "/hawtio/jolokia/read/" + JolokiaClient.pool(DemoPools.DATABASE) + "/Total");
    }

    @Test
    void withoutAuthenticationAForeignHostIsRefusedAndLoopbackNamesAnswer() throws Exception {
        try (AdminConsole console = start("--port", "0", "--no-auth", "--no-load")) {
            String foreign = readTotal(console, "rebound.evil.example:" + console.port());
            assertEquals(421, RawHttp.status(foreign), foreign);
            assertFalse(foreign.contains("\"value\""), foreign);

            assertEquals(421, RawHttp.status(readTotal(console, "127.0.0.1:" + (console.port() + 1))),
                    "the right host with another port is another origin");
            for (String own : new String[] {"127.0.0.1:", "localhost:", "LOCALHOST:"}) {
                String answer = readTotal(console, own + console.port());
                assertEquals(200, RawHttp.status(answer), answer);
            }
        }
    }

    @Test
    void withAuthenticationAForeignHostIsRefusedBeforeTheLogin() throws Exception {
        try (AdminConsole console = start("--port", "0", "--password", "rebind-pw", "--no-load")) {
            String foreign = RawHttp.get(console.url(), "rebound.evil.example:" + console.port(), "/hawtio/");
            assertEquals(421, RawHttp.status(foreign), foreign);
        }
    }
}
