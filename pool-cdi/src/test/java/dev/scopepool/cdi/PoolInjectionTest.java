// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.enterprise.inject.se.SeContainer;
import org.junit.jupiter.api.Test;

class PoolInjectionTest {

    private static final TypeLiteral<ResourcePool<FakeResource>> RESOURCE_POOL = new TypeLiteral<>() { };
    private static final TypeLiteral<ResourcePool<String>> STRING_POOL = new TypeLiteral<>() { };
    private static final TypeLiteral<PoolConfig<FakeResource>> RESOURCE_CONFIG = new TypeLiteral<>() { };

    @ApplicationScoped
    public static class TypedPools {
        @Produces @Pool("inject-typed") @ApplicationScoped
        PoolConfig<FakeResource> typed(ResourceLedger ledger) {
            return ledger.config();
        }

        /** A producer field, the other kind of producer the extension must find. */
        @Produces @Pool("inject-field") @ApplicationScoped
        static final PoolConfig<FakeResource> FIELD = PoolConfig.<FakeResource>builder()
                .create(() -> new FakeResource(-1)).jmx(false).build();
    }

    @Dependent
    public static class TypedClient {
        @Inject @Pool("inject-typed") ResourcePool<FakeResource> pool;
        @Inject @Pool("inject-field") ResourcePool<FakeResource> fieldPool;
    }

    @Dependent
    public static class UndeclaredClient {
        @Inject @Pool("nope") ResourcePool<FakeResource> pool;
    }

    @Dependent
    public static class WrongTypeClient {
        @Inject @Pool("inject-typed") ResourcePool<String> pool;
    }

    @ApplicationScoped
    public static class DuplicatePools {
        @Produces @Pool("inject-twice") @ApplicationScoped
        PoolConfig<FakeResource> first(ResourceLedger ledger) {
            return ledger.config();
        }

        @Produces @Pool("inject-twice") @Dependent
        PoolConfig<String> second() {
            return PoolConfig.<String>builder().create(() -> "s").build();
        }
    }

    @Dependent
    public static class NullPools {
        @Produces @Pool("inject-null")
        PoolConfig<FakeResource> missing() {
            return null;
        }
    }

    @Dependent
    public static class DuplicateClient {
        @Inject @Pool("inject-twice") ResourcePool<FakeResource> pool;
    }

    @ApplicationScoped
    public static class BadNamePools {
        @Produces @Pool("no spaces allowed") @ApplicationScoped
        PoolConfig<FakeResource> bad(ResourceLedger ledger) {
            return ledger.config();
        }
    }

    @Test
    void injectsThePoolByQualifierAndResourceType() throws InterruptedException {
        try (SeContainer container = Containers.start(TypedPools.class, TypedClient.class)) {
            TypedClient client = container.select(TypedClient.class).get();

            assertEquals("inject-typed", client.pool.name());
            assertEquals("inject-field", client.fieldPool.name());
            FakeResource borrowed = client.pool.acquire();
            assertSame(container.select(ResourceLedger.class).get().created().get(0), borrowed);
            client.pool.release(borrowed);
        }
    }

    @Test
    void aWrongResourceTypeOrNameIsNotSatisfied() {
        try (SeContainer container = Containers.start(TypedPools.class)) {
            // Resolution as for injection points. (OpenWebBeans 4.0.3's Instance.select ignores
            // a TypeLiteral's type arguments, so programmatic lookup cannot show this there.)
            BeanManager beans = container.getBeanManager();
            assertEquals(1, beans.getBeans(RESOURCE_POOL.getType(), Pool.Literal.of("inject-typed")).size());
            assertTrue(beans.getBeans(STRING_POOL.getType(), Pool.Literal.of("inject-typed")).isEmpty());
            assertTrue(beans.getBeans(RESOURCE_POOL.getType(), Pool.Literal.of("inject-other")).isEmpty());
            // Unqualified: a pool is only ever injected by name.
            assertTrue(beans.getBeans(RESOURCE_POOL.getType()).isEmpty());
        }
    }

    @Test
    void wrongResourceTypeAtAnInjectionPointFailsDeployment() {
        String failure = Containers.deploymentFailure(TypedPools.class, WrongTypeClient.class);
        assertTrue(failure.contains(WrongTypeClient.class.getName()), failure);
    }

    @Test
    void theConfigIsADependentBeanWithoutProxyAndFreshEachTime() {
        try (SeContainer container = Containers.start(TypedPools.class)) {
            PoolConfig<FakeResource> first = container.select(RESOURCE_CONFIG, Pool.Literal.of("inject-typed")).get();
            PoolConfig<FakeResource> second = container.select(RESOURCE_CONFIG, Pool.Literal.of("inject-typed")).get();

            assertEquals(PoolConfig.class, first.getClass(), "a client proxy would be a subclass");
            assertNotSame(first, second);
            assertNull(first.name(), "the declared config is not renamed, only the pool's copy");
        }
    }

    @Test
    void anUndeclaredPoolFailsDeploymentAsAnUnsatisfiedDependency() {
        String failure = Containers.deploymentFailure(TypedPools.class, UndeclaredClient.class);
        assertTrue(failure.contains(UndeclaredClient.class.getName()), failure);
        assertTrue(failure.contains("ResourcePool"), failure);
    }

    @Test
    void twoProducersOfTheSameNameFailDeploymentNamingBoth() {
        // With a client: the duplicate is reported, not the unsatisfied injection point it leaves.
        String message = Containers.deploymentFailure(DuplicatePools.class, DuplicateClient.class);
        assertTrue(message.contains("@Pool(\"inject-twice\")"), message);
        assertTrue(message.contains(DuplicatePools.class.getName() + ".first()"), message);
        assertTrue(message.contains(DuplicatePools.class.getName() + ".second()"), message);
    }

    @Test
    void anInvalidPoolNameFailsDeployment() {
        String failure = Containers.deploymentFailure(BadNamePools.class);
        assertTrue(failure.contains("no spaces allowed"), failure);
        assertTrue(failure.contains(BadNamePools.class.getName() + ".bad()"), failure);
    }

    @Test
    void aProducerThatReturnsNullFailsThePoolsCreationNamingTheProducer() {
        try (SeContainer container = Containers.start(NullPools.class)) {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> container.select(RESOURCE_POOL, Pool.Literal.of("inject-null")).get());
            Throwable cause = Containers.causes(failure)
                    .filter(IllegalStateException.class::isInstance).findFirst().orElseThrow(() -> failure);
            assertTrue(cause.getMessage().contains(NullPools.class.getName() + ".missing() returned null"),
                    cause.getMessage());
        }
    }
}
