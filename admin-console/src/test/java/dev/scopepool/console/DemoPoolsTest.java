// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.demo.DemoPools;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each demo pool is configured to show an operator (lifecycle policies, outage handling),
 * read and driven the way an operator would: over JMX and through the console's Jolokia.
 */
class DemoPoolsTest {

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private AdminConsole console;
    private JolokiaClient jolokia;

    @BeforeEach
    void startWithoutLoad() throws Exception {
        // No load: the test alone decides when resources are created.
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {"--port", "0", "--no-auth", "--no-load"},
                Map.of()));
        jolokia = JolokiaClient.anonymous(console.url());
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private Object attribute(String pool, String attribute) throws Exception {
        return jmx.getAttribute(new ObjectName(JolokiaClient.pool(pool)), attribute);
    }

    private long count(String pool, String attribute) throws Exception {
        JolokiaClient.Answer answer = jolokia.read(JolokiaClient.pool(pool), attribute);
        assertTrue(answer.allowed(), answer.body());
        return answer.value().asLong();
    }

    @Test
    void eachDemoPoolCarriesThePoliciesItDemonstrates() throws Exception {
        assertEquals(DemoPools.HTTP_MAX_LIFETIME.toMillis(), attribute(DemoPools.HTTP, "MaxLifetimeMillis"));
        assertEquals(DemoPools.HTTP_IDLE_TIMEOUT.toMillis(), attribute(DemoPools.HTTP, "IdleTimeoutMillis"));
        assertEquals(DemoPools.WORKERS_MAX_USES, attribute(DemoPools.WORKERS, "MaxUses"));
        assertEquals(0L, attribute(DemoPools.DATABASE, "MaxLifetimeMillis"), "the database pool keeps its connections");
        assertEquals(DemoPools.DATABASE_MAX_WAITERS, attribute(DemoPools.DATABASE, "MaxWaiters"));
    }

    @Test
    void failureRateOneTakesTheDatabasePoolDownAndZeroBringsItBack() throws Exception {
        String pool = JolokiaClient.pool(DemoPools.DATABASE);
        String behaviour = JolokiaClient.behaviour(DemoPools.DATABASE);
        long failuresBefore = count(DemoPools.DATABASE, "CreateFailures");

        assertTrue(jolokia.write(behaviour, "FailureRate", 1).allowed());
        assertTrue(jolokia.exec(pool, "evictIdle").allowed());
        assertEquals(0, count(DemoPools.DATABASE, "Total"), "every idle connection was evicted");
        // The refill after the eviction, and each further one asked for, fails: the database
        // refuses every new connection. (A refill asked for while one runs joins it, so not
        // every call reports the failure itself.)
        BoundedPoll.await(DemoPools.FAIL_FAST_AFTER + " creations fail in a row", 10, () -> {
            jolokia.exec(pool, "initialize");
            return count(DemoPools.DATABASE, "CreateFailures") >= failuresBefore + DemoPools.FAIL_FAST_AFTER;
        });
        assertEquals(0, count(DemoPools.DATABASE, "Total"), "no connection came out of a failed creation");
        BoundedPoll.await("the pool goes down after " + DemoPools.FAIL_FAST_AFTER + " failures in a row", 10,
                () -> jolokia.read(pool, "Down").value().asBoolean(false));

        assertTrue(jolokia.write(behaviour, "FailureRate", 0).allowed());
        BoundedPoll.await("the pool refills to its minimum once creations succeed", 15, () -> {
            jolokia.exec(pool, "initialize");
            return count(DemoPools.DATABASE, "Total") == 2;
        });
        assertFalse(jolokia.read(pool, "Down").value().asBoolean(true), "the pool is up after a creation succeeded");
    }
}
