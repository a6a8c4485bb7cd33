// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static dev.scopepool.console.JolokiaClient.behaviour;
import static dev.scopepool.console.JolokiaClient.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.JolokiaClient.Answer;
import dev.scopepool.console.demo.DemoPools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin's reach through Jolokia by default: read anything, but write and operate only the
 * scopepool MBeans. Every JVM-level operation an attacker holding the admin's session would
 * want is refused, and none of them had any effect.
 */
class LeastPrivilegeTest {

    private static final String PASSWORD = "least-Passw0rd";
    private static final String DIAGNOSTIC = "com.sun.management:type=DiagnosticCommand";
    private static final String HOTSPOT = "com.sun.management:type=HotSpotDiagnostic";
    /** A logger nobody else uses, so a level change would show and harm nothing. */
    static final String PROBE_LOGGER = "dev.scopepool.console.probe";

    private static AdminConsole console;
    private static JolokiaClient admin;
    private static final Logger PROBE = Logger.getLogger(PROBE_LOGGER);

    @TempDir
    static Path dumps;

    @BeforeAll
    static void startConsole() throws Exception {
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {
            "--port", "0", "--password", PASSWORD, "--no-load"}, Map.of()));
        admin = JolokiaClient.as(console.url(), "admin", PASSWORD);
    }

    @AfterAll
    static void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    private static void assertRefused(Answer answer) {
        assertEquals(200, answer.httpStatus(), answer.body());
        assertEquals(403, answer.jolokiaStatus(), answer.body());
    }

    @Test
    void loadingAnAgentThroughDiagnosticCommandIsRefused() throws Exception {
        assertRefused(admin.exec(DIAGNOSTIC, "jvmtiAgentLoad", (Object) List.of(dumps.resolve("agent.so").toString())));
    }

    @Test
    void reconfiguringTheVmLogIsRefused() throws Exception {
        assertRefused(admin.exec(DIAGNOSTIC, "vmLog", (Object) List.of("list")));
    }

    @Test
    void startingAFlightRecordingIsRefused() throws Exception {
        assertRefused(admin.exec(DIAGNOSTIC, "jfrStart", (Object) List.of("name=probe", "duration=1s")));
        assertRefused(admin.exec("jdk.management.jfr:type=FlightRecorder", "newRecording"));
    }

    @Test
    void dumpingTheHeapIsRefusedAndWritesNothing() throws Exception {
        Path dump = dumps.resolve("heap.hprof");

        assertRefused(admin.exec(HOTSPOT, "dumpHeap", dump.toString(), true));
        assertFalse(Files.exists(dump), "a heap dump was written");
    }

    @Test
    void settingAVmOptionIsRefused() throws Exception {
        assertRefused(admin.exec(HOTSPOT, "setVMOption", "HeapDumpOnOutOfMemoryError", "true"));
    }

    @Test
    void changingALoggingLevelIsRefusedAndLeavesTheLevel() throws Exception {
        PROBE.setLevel(Level.INFO);

        assertRefused(admin.exec("java.util.logging:type=Logging", "setLoggerLevel", PROBE_LOGGER, "OFF"));
        assertEquals(Level.INFO, PROBE.getLevel());
    }

    @Test
    void startingAJolokiaAgentInAnotherJvmIsRefused() throws Exception {
        assertRefused(admin.exec("hawtio:type=JVMList", "startAgent", Long.toString(ProcessHandle.current().pid())));
    }

    @Test
    void writingAPlatformAttributeIsRefused() throws Exception {
        assertRefused(admin.write("java.lang:type=Memory", "Verbose", true));
    }

    @Test
    void everyMBeanCanStillBeRead() throws Exception {
        Answer runtime = admin.read("java.lang:type=Runtime", "VmName");
        assertTrue(runtime.allowed(), runtime.body());
        Answer options = admin.read(HOTSPOT, "DiagnosticOptions");
        assertTrue(options.allowed(), options.body());
        Answer listed = admin.send("POST", "jolokia/", "{\"type\":\"list\",\"path\":\"dev.scopepool\"}");
        assertTrue(listed.allowed(), listed.body());
        Answer searched = admin.send("POST", "jolokia/", "{\"type\":\"search\",\"mbean\":\"java.lang:*\"}");
        assertTrue(searched.allowed(), searched.body());
    }

    @Test
    void scopepoolOperationsAndWritesAreAllowed() throws Exception {
        String http = pool(DemoPools.HTTP);
        try {
            Answer suspend = admin.exec(http, "suspend");
            assertTrue(suspend.allowed(), suspend.body());
            assertTrue(admin.read(http, "Suspended").value().asBoolean());
        } finally {
            assertTrue(admin.exec(http, "resume").allowed());
        }
        Answer evicted = admin.exec(http, "evictIdle");
        assertTrue(evicted.allowed(), evicted.body());
        Answer latency = admin.write(behaviour(DemoPools.HTTP), "LatencyMillis", 1);
        assertTrue(latency.allowed(), latency.body());
    }
}
