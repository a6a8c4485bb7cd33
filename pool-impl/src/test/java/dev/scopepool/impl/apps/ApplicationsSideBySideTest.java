// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.impl.testkit.Poll;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two applications declaring the same pool names, each in its own class loader, as on a Jakarta
 * EE server: their MBeans say whose they are, each has its own overview, and closing an
 * application's last pool leaves nothing of it in the JVM, down to its class loader.
 */
class ApplicationsSideBySideTest {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @BeforeAll
    static void serverNaming() throws Exception {
        ApplicationNaming.install();
    }

    private static Set<String> mbeans(String app) throws Exception {
        Set<String> names = new TreeSet<>();
        JMX.queryNames(new ObjectName("dev.scopepool:app=" + app + ",*"), null).forEach(n -> names.add(n.toString()));
        return names;
    }

    private static Set<String> overviewRows(String app) throws Exception {
        TabularData table = (TabularData) JMX.getAttribute(new ObjectName("dev.scopepool:type=Pools,app=" + app), "Pools");
        Set<String> names = new TreeSet<>();
        table.values().forEach(row -> names.add((String) ((CompositeData) row).get("name")));
        return names;
    }

    @Test
    void sameNamesInTwoApplicationsAreTwoMBeansAndEachApplicationLeavesNothingBehind() throws Exception {
        ApplicationLoader a = ApplicationLoader.of("side-a", true);
        ApplicationLoader b = ApplicationLoader.of("side-b", true);
        Function<String, String> inA = a.scenario();
        Function<String, String> inB = b.scenario();
        assertEquals("shared", inA.apply("open shared"));
        assertEquals("shared", inB.apply("open shared"));
        inA.apply("open orders");
        inA.apply("wait shared");

        assertEquals(Set.of("dev.scopepool:type=Pools,app=side-a",
                "dev.scopepool:type=ResourcePool,app=side-a,name=orders",
                "dev.scopepool:type=ResourcePool,app=side-a,name=shared"), mbeans("side-a"));
        assertEquals(Set.of("dev.scopepool:type=Pools,app=side-b",
                "dev.scopepool:type=ResourcePool,app=side-b,name=shared"), mbeans("side-b"));
        assertEquals(Set.of("orders", "shared"), overviewRows("side-a"));
        assertEquals(Set.of("shared"), overviewRows("side-b"));
        assertFalse(JMX.isRegistered(new ObjectName("dev.scopepool:type=ResourcePool,name=shared")),
                "no application's pool is registered under the plain SE name");

        assertEquals("closed 2", inA.apply("close-all"));
        assertEquals(Set.of(), mbeans("side-a"), "the last close removes the pools and the overview");
        assertEquals(2, mbeans("side-b").size(), "the other application is untouched");
        assertEquals(Set.of("shared"), overviewRows("side-b"));

        WeakReference<ClassLoader> collectable = new WeakReference<>(a);
        inA = null;
        a = null;
        Poll.until("application A's class loader is collected once its pools are closed", () -> {
            System.gc();
            return collectable.get() == null;
        });

        inB.apply("close-all");
        assertEquals(Set.of(), mbeans("side-b"));
    }

    @Test
    void reopeningAfterTheLastCloseRegistersTheOverviewAgain() throws Exception {
        ApplicationLoader app = ApplicationLoader.of("side-again", true);
        Function<String, String> scenario = app.scenario();
        scenario.apply("open first");
        scenario.apply("close-all");
        assertEquals(Set.of(), mbeans("side-again"));
        scenario.apply("open second");
        assertEquals(Set.of("second"), overviewRows("side-again"));
        scenario.apply("close-all");
        assertEquals(Set.of(), mbeans("side-again"));
    }

    @Test
    void withoutJfrPoolsWorkAndTheLogSaysSoOnce() throws Exception {
        List<String> said = new ArrayList<>();
        Logger jfrLog = Logger.getLogger("dev.scopepool.impl.jfr.JfrPresence");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (said) {
                    said.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jfrLog.addHandler(capture);
        try {
            ApplicationLoader app = ApplicationLoader.of("no-jfr", false);
            Function<String, String> scenario = app.scenario();
            assertEquals("waiting", scenario.apply("open waiting"));
            assertEquals("acquired 2", scenario.apply("wait waiting"));
            scenario.apply("open second");
            assertEquals("acquired 2", scenario.apply("wait second"));
            assertEquals("closed 2", scenario.apply("close-all"));
            synchronized (said) {
                assertEquals(1, said.size(), said::toString);
                assertTrue(said.get(0).contains("jdk.jfr"), said::toString);
            }
            assertEquals(Set.of(), mbeans("no-jfr"));
        } finally {
            jfrLog.removeHandler(capture);
        }
    }

    @Test
    void poolThreadsEndWithTheApplicationsPools() throws Exception {
        ApplicationLoader app = ApplicationLoader.of("side-threads", true);
        Function<String, String> scenario = app.scenario();
        scenario.apply("open threads-of-app");
        scenario.apply("wait threads-of-app");
        scenario.apply("close-all");
        Poll.until("no thread of pool threads-of-app is left", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("scopepool-threads-of-app-")));
    }
}
