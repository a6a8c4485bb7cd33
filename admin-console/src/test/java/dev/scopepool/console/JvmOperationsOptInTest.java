// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.JolokiaClient.Answer;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@code --allow-jvm-operations} is the explicit way to let the console operate the JVM itself. */
class JvmOperationsOptInTest {

    private static final Logger PROBE = Logger.getLogger(LeastPrivilegeTest.PROBE_LOGGER);

    @Test
    void withTheOptionJvmLevelOperationsRun() throws Exception {
        PROBE.setLevel(Level.INFO);
        try (AdminConsole console = AdminConsole.start(ConsoleOptions.parse(new String[] {
            "--port", "0", "--password", "jvm-pw", "--no-load", "--allow-jvm-operations"}, Map.of()))) {
            JolokiaClient admin = JolokiaClient.as(console.url(), "admin", "jvm-pw");

            Answer level = admin.exec("java.util.logging:type=Logging", "setLoggerLevel",
                    LeastPrivilegeTest.PROBE_LOGGER, "FINE");
            assertTrue(level.allowed(), level.body());
            assertEquals(Level.FINE, PROBE.getLevel());
            Answer gc = admin.exec("java.lang:type=Memory", "gc");
            assertTrue(gc.allowed(), gc.body());
        } finally {
            PROBE.setLevel(null);
        }
    }
}
