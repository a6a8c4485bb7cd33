// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.spi.CreationPermits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolConfigTest {

    private static PoolConfig.Builder<Object> valid() {
        return PoolConfig.builder().create(Object::new);
    }

    @Test
    void defaultsAreTheSpecifications() {
        PoolConfig<Object> c = valid().build();
        assertNull(c.name());
        assertEquals(0, c.min());
        assertEquals(10, c.max());
        assertEquals(Duration.ofSeconds(30), c.acquireTimeout());
        assertNull(c.healthCheck());
        assertEquals(Duration.ofSeconds(30), c.healthCheckInterval());
        assertEquals(Duration.ofSeconds(5), c.healthCheckTimeout());
        assertEquals(Duration.ofSeconds(5), c.shutdownTimeout());
        assertEquals(Duration.ZERO, c.leakDetectionThreshold());
        assertTrue(c.jmx());
        assertNotNull(c.destroy());
        assertEquals(List.of(), c.listeners());
        assertEquals(Duration.ZERO, c.maxLifetime());
        assertEquals(Duration.ZERO, c.idleTimeout());
        assertEquals(0, c.maxUses());
        assertNull(c.checkOnAcquire());
        assertEquals(Duration.ofSeconds(30), c.createTimeout());
        assertEquals(Integer.MAX_VALUE, c.maxWaiters());
        assertEquals(4, c.maxConcurrentCreates());
        assertEquals(0, c.failFastAfter());
        assertNull(c.creationPermits());
    }

    @Test
    void lifecycleAndOverloadRulesNameTheFieldAndValue() {
        assertMessage(b -> b.maxLifetime(Duration.ofSeconds(-1)), "maxLifetime", "PT-1S");
        assertMessage(b -> b.idleTimeout(Duration.ofSeconds(-2)), "idleTimeout", "PT-2S");
        assertMessage(b -> b.maxUses(-1), "maxUses", "-1");
        assertMessage(b -> b.healthCheck(r -> HealthCheckResult.ok()).checkOnAcquire(Duration.ofMillis(-5)),
                "checkOnAcquire", "PT-0.005S");
        assertMessage(b -> b.checkOnAcquire(Duration.ZERO), "checkOnAcquire", "without");
        assertMessage(b -> b.createTimeout(Duration.ZERO), "createTimeout", "PT0S");
        assertMessage(b -> b.maxWaiters(-1), "maxWaiters", "-1");
        assertMessage(b -> b.maxConcurrentCreates(0), "maxConcurrentCreates", "0");
        assertMessage(b -> b.failFastAfter(-3), "failFastAfter", "-3");
        assertEquals(0, valid().maxWaiters(0).build().maxWaiters());
        assertEquals(Duration.ZERO,
                valid().healthCheck(r -> HealthCheckResult.ok()).checkOnAcquire(Duration.ZERO).build().checkOnAcquire());
    }

    @Test
    void defaultDestroyerClosesAutoCloseablesAndIgnoresOthers() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        AutoCloseable closeable = closes::incrementAndGet;
        PoolConfig<Object> c = valid().build();
        c.destroy().destroy(closeable);
        c.destroy().destroy(new Object());
        assertEquals(1, closes.get());
    }

    @Test
    void createIsRequired() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> PoolConfig.builder().build());
        assertEquals("create is required", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "quote\"d", "colon:name", "comma,name", "equals=name",
        "star*", "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void badNamesAreRejectedNamingTheValue(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().name(name).build());
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "orders-db", "Orders_DB.v2", "x-1", "1234567890123456789012345678901234567890123456789012345678901234"})
    void goodNamesAreAccepted(String name) {
        assertEquals(name, valid().name(name).build().name());
    }

    @Test
    void sizeRulesNameTheFieldAndValue() {
        assertMessage(b -> b.max(0), "max", "0");
        assertMessage(b -> b.min(-1), "min", "-1");
        assertMessage(b -> b.min(11), "min", "11");
        assertMessage(b -> b.min(3).max(2), "min", "3");
        assertEquals(5, valid().min(5).max(5).build().min());
    }

    @Test
    void durationRulesNameTheFieldAndValue() {
        assertMessage(b -> b.acquireTimeout(Duration.ofMillis(-1)), "acquireTimeout", "PT-0.001S");
        assertMessage(b -> b.healthCheckInterval(Duration.ZERO), "healthCheckInterval", "PT0S");
        assertMessage(b -> b.healthCheckTimeout(Duration.ofSeconds(-5)), "healthCheckTimeout", "PT-5S");
        assertMessage(b -> b.shutdownTimeout(Duration.ofSeconds(-1)), "shutdownTimeout", "PT-1S");
        assertMessage(b -> b.leakDetectionThreshold(Duration.ofSeconds(-1)), "leakDetectionThreshold", "PT-1S");
        assertEquals(Duration.ZERO, valid().acquireTimeout(Duration.ZERO).build().acquireTimeout());
        assertEquals(Duration.ZERO, valid().shutdownTimeout(Duration.ZERO).build().shutdownTimeout());
    }

    @Test
    void nullDurationsAreRejectedNamingTheField() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> valid().acquireTimeout(null).build());
        assertTrue(e.getMessage().contains("acquireTimeout"), e.getMessage());
    }

    @Test
    void toBuilderCopiesEverythingForChanges() {
        HealthCheck<Object> check = r -> HealthCheckResult.ok();
        PoolListener listener = new PoolListener() { };
        CreationPermits permits = timeout -> () -> { };
        PoolConfig<Object> original = valid().name("a").min(1).max(4).acquireTimeout(Duration.ofSeconds(2))
                .healthCheck(check).healthCheckInterval(Duration.ofSeconds(3)).healthCheckTimeout(Duration.ofSeconds(1))
                .shutdownTimeout(Duration.ofSeconds(9)).leakDetectionThreshold(Duration.ofSeconds(8)).jmx(false)
                .listener(listener).maxLifetime(Duration.ofMinutes(30)).idleTimeout(Duration.ofMinutes(10))
                .maxUses(100).checkOnAcquire(Duration.ofSeconds(7)).createTimeout(Duration.ofSeconds(6))
                .maxWaiters(50).maxConcurrentCreates(2).failFastAfter(3).creationPermits(permits).build();
        PoolConfig<Object> copy = original.toBuilder().name("b").build();
        assertEquals("b", copy.name());
        assertEquals("a", original.name(), "the original is immutable");
        assertSame(original.create(), copy.create());
        assertSame(original.destroy(), copy.destroy());
        assertSame(check, copy.healthCheck());
        assertEquals(1, copy.min());
        assertEquals(4, copy.max());
        assertEquals(Duration.ofSeconds(2), copy.acquireTimeout());
        assertEquals(Duration.ofSeconds(3), copy.healthCheckInterval());
        assertEquals(Duration.ofSeconds(1), copy.healthCheckTimeout());
        assertEquals(Duration.ofSeconds(9), copy.shutdownTimeout());
        assertEquals(Duration.ofSeconds(8), copy.leakDetectionThreshold());
        assertFalse(copy.jmx());
        assertEquals(List.of(listener), copy.listeners());
        assertEquals(Duration.ofMinutes(30), copy.maxLifetime());
        assertEquals(Duration.ofMinutes(10), copy.idleTimeout());
        assertEquals(100, copy.maxUses());
        assertEquals(Duration.ofSeconds(7), copy.checkOnAcquire());
        assertEquals(Duration.ofSeconds(6), copy.createTimeout());
        assertEquals(50, copy.maxWaiters());
        assertEquals(2, copy.maxConcurrentCreates());
        assertEquals(3, copy.failFastAfter());
        assertSame(permits, copy.creationPermits());
    }

    @Test
    void healthCheckResultFactories() {
        assertTrue(HealthCheckResult.ok().healthy());
        assertNull(HealthCheckResult.ok().message());
        HealthCheckResult bad = HealthCheckResult.unhealthy("stale");
        assertFalse(bad.healthy());
        assertEquals("stale", bad.message());
    }

    private static void assertMessage(UnaryOperator<PoolConfig.Builder<Object>> change, String field, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }
}
