// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scopepool.<name>.*} from MicroProfile Config (SmallRye Config here) overrides what the
 * producer built, for every pool of the declaration; bad values fail the container's start.
 */
class ConfigOverridesTest {

    private static final TypeLiteral<ResourcePool<FakeResource>> RESOURCE_POOL = new TypeLiteral<>() { };

    @Dependent
    public static class ConfiguredPools {
        /** Every overridable value differs from the defaults and from what the tests configure. */
        @Produces @Pool("config-app") @ApplicationScoped
        PoolConfig<FakeResource> app(ResourceLedger ledger) {
            return ledger.builder()
                    .min(1).max(4)
                    .acquireTimeout(Duration.ofSeconds(5))
                    .maxLifetime(Duration.ofMinutes(30))
                    .idleTimeout(Duration.ofMinutes(10))
                    .maxWaiters(100)
                    .healthCheckInterval(Duration.ofMinutes(1))
                    .build();
        }

        @Produces @Pool("config-request") @RequestScoped
        PoolConfig<FakeResource> request(ResourceLedger ledger) {
            return ledger.builder().max(4).build();
        }
    }

    @Dependent
    public static class RequestClient {
        @Inject @Pool("config-request") ResourcePool<FakeResource> pool;
    }

    @BeforeEach
    @AfterEach
    void clearProperties() {
        TestConfigSource.clear();
    }

    /** Starts a container with the one property set and returns what the app pool's config says. */
    private static <V> V configuredApp(String key, String value, Function<PoolConfig<?>, V> read) {
        TestConfigSource.set("scopepool.config-app." + key, value);
        try (SeContainer container = Containers.start(ConfiguredPools.class)) {
            return read.apply(container.select(RESOURCE_POOL, Pool.Literal.of("config-app")).get().config());
        }
    }

    @Test
    void minIsOverridden() {
        assertEquals(Integer.valueOf(3), configuredApp("min", "3", PoolConfig::min));
    }

    @Test
    void maxIsOverridden() {
        assertEquals(Integer.valueOf(9), configuredApp("max", "9", PoolConfig::max));
    }

    @Test
    void acquireTimeoutIsOverridden() {
        assertEquals(Duration.ofMillis(250), configuredApp("acquire-timeout", "250ms", PoolConfig::acquireTimeout));
    }

    @Test
    void maxLifetimeIsOverridden() {
        assertEquals(Duration.ofMinutes(2), configuredApp("max-lifetime", "2m", PoolConfig::maxLifetime));
    }

    @Test
    void idleTimeoutIsOverridden() {
        assertEquals(Duration.ofSeconds(45), configuredApp("idle-timeout", "PT45S", PoolConfig::idleTimeout));
    }

    @Test
    void maxWaitersIsOverridden() {
        assertEquals(Integer.valueOf(0), configuredApp("max-waiters", "0", PoolConfig::maxWaiters));
    }

    @Test
    void healthCheckIntervalIsOverridden() {
        assertEquals(Duration.ofSeconds(5), configuredApp("health-check-interval", "5s", PoolConfig::healthCheckInterval));
    }

    @Test
    void withoutPropertiesThePoolKeepsTheProducersValues() {
        try (SeContainer container = Containers.start(ConfiguredPools.class)) {
            PoolConfig<?> config = container.select(RESOURCE_POOL, Pool.Literal.of("config-app")).get().config();
            assertEquals(1, config.min());
            assertEquals(4, config.max());
            assertEquals(Duration.ofSeconds(5), config.acquireTimeout());
            assertEquals(Duration.ofMinutes(30), config.maxLifetime());
            assertEquals(Duration.ofMinutes(10), config.idleTimeout());
            assertEquals(100, config.maxWaiters());
            assertEquals(Duration.ofMinutes(1), config.healthCheckInterval());
        }
    }

    @Test
    void anOverriddenMaxBoundsThePoolAtRunTime() throws InterruptedException {
        TestConfigSource.set("scopepool.config-app.max", "1");
        TestConfigSource.set("scopepool.config-app.min", "0");
        try (SeContainer container = Containers.start(ConfiguredPools.class)) {
            ResourcePool<FakeResource> pool = container.select(RESOURCE_POOL, Pool.Literal.of("config-app")).get();
            FakeResource only = pool.acquire();
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ZERO), "max 1 from configuration");
            assertEquals(1, pool.stats().total());
            pool.release(only);
        }
    }

    @Test
    void everyPoolOfADeclarationIsOverriddenUnderTheDeclaredName() throws Exception {
        TestConfigSource.set("scopepool.config-request.max", "2");
        try (SeContainer container = Containers.start(ConfiguredPools.class, RequestClient.class)) {
            RequestClient client = container.select(RequestClient.class).get();
            for (String request : new String[] {"config-request-1", "config-request-2"}) {
                int max = Requests.inNewRequest(container, request, () -> client.pool.config().max());
                assertEquals(2, max, request);
            }
        }
    }

    @Test
    void aMalformedNumberFailsDeploymentNamingThePropertyAndValue() {
        TestConfigSource.set("scopepool.config-app.max", "ten");
        String failure = Containers.deploymentFailure(ConfiguredPools.class);
        assertTrue(failure.contains("scopepool.config-app.max=\"ten\""), failure);
        assertTrue(failure.contains("not a whole number"), failure);
    }

    @Test
    void aMalformedDurationFailsDeploymentNamingThePropertyAndValue() {
        TestConfigSource.set("scopepool.config-app.acquire-timeout", "5 seconds");
        String failure = Containers.deploymentFailure(ConfiguredPools.class);
        assertTrue(failure.contains("scopepool.config-app.acquire-timeout=\"5 seconds\""), failure);
        assertTrue(failure.contains("PT5S"), "the message shows the accepted formats: " + failure);
    }

    @Test
    void aValueTheApiRejectsFailsDeploymentWithTheApisReason() {
        TestConfigSource.set("scopepool.config-app.health-check-interval", "0s");
        String failure = Containers.deploymentFailure(ConfiguredPools.class);
        assertTrue(failure.contains("scopepool.config-app.health-check-interval=\"0s\""), failure);
        assertTrue(failure.contains("healthCheckInterval must be > 0"), failure);
    }

    @Test
    void aNegativeMinFailsDeployment() {
        TestConfigSource.set("scopepool.config-app.min", "-1");
        String failure = Containers.deploymentFailure(ConfiguredPools.class);
        assertTrue(failure.contains("scopepool.config-app.min=\"-1\""), failure);
    }

    @Test
    void aConfiguredMinAboveTheConfiguredMaxFailsDeploymentNamingBoth() {
        TestConfigSource.set("scopepool.config-app.min", "5");
        TestConfigSource.set("scopepool.config-app.max", "2");
        String failure = Containers.deploymentFailure(ConfiguredPools.class);
        assertTrue(failure.contains("scopepool.config-app.max=\"2\" with scopepool.config-app.min=\"5\""), failure);
    }

    /** The producer's max is known only when it runs: the pool's creation fails, naming the configured value. */
    @Test
    void aConfiguredMinAboveTheProducersMaxFailsThePoolsCreation() {
        TestConfigSource.set("scopepool.config-app.min", "8");
        try (SeContainer container = Containers.start(ConfiguredPools.class)) {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> container.select(RESOURCE_POOL, Pool.Literal.of("config-app")).get().name());
            assertTrue(Containers.causes(failure).anyMatch(t -> String.valueOf(t.getMessage())
                    .contains("scopepool.config-app.min=\"8\" from configuration")), failure::toString);
        }
    }
}
