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
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.exceptions.DefinitionException;
import org.jboss.weld.exceptions.DeploymentException;
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
        try (WeldContainer container = Containers.start(TypedPools.class, TypedClient.class)) {
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
        try (WeldContainer container = Containers.start(TypedPools.class)) {
            assertTrue(container.select(RESOURCE_POOL, Pool.Literal.of("inject-typed")).isResolvable());
            assertTrue(container.select(STRING_POOL, Pool.Literal.of("inject-typed")).isUnsatisfied());
            assertTrue(container.select(RESOURCE_POOL, Pool.Literal.of("inject-other")).isUnsatisfied());
            // Unqualified: a pool is only ever injected by name.
            assertTrue(container.select(RESOURCE_POOL).isUnsatisfied());
        }
    }

    @Test
    void wrongResourceTypeAtAnInjectionPointFailsDeployment() {
        DeploymentException failure = assertThrows(DeploymentException.class,
                () -> Containers.start(TypedPools.class, WrongTypeClient.class).close());
        assertTrue(failure.getMessage().contains("WELD-001408"), failure.getMessage());
    }

    @Test
    void theConfigIsADependentBeanWithoutProxyAndFreshEachTime() {
        try (WeldContainer container = Containers.start(TypedPools.class)) {
            PoolConfig<FakeResource> first = container.select(RESOURCE_CONFIG, Pool.Literal.of("inject-typed")).get();
            PoolConfig<FakeResource> second = container.select(RESOURCE_CONFIG, Pool.Literal.of("inject-typed")).get();

            assertEquals(PoolConfig.class, first.getClass(), "a client proxy would be a subclass");
            assertNotSame(first, second);
            assertNull(first.name(), "the declared config is not renamed, only the pool's copy");
        }
    }

    @Test
    void anUndeclaredPoolFailsDeploymentAsAnUnsatisfiedDependency() {
        DeploymentException failure = assertThrows(DeploymentException.class,
                () -> Containers.start(TypedPools.class, UndeclaredClient.class).close());
        assertTrue(failure.getMessage().contains("WELD-001408"), failure.getMessage());
        assertTrue(failure.getMessage().contains(UndeclaredClient.class.getName() + ".pool"), failure.getMessage());
    }

    @Test
    void twoProducersOfTheSameNameFailDeploymentNamingBoth() {
        // With a client: the duplicate is reported, not the unsatisfied injection point it leaves.
        DefinitionException failure = assertThrows(DefinitionException.class,
                () -> Containers.start(DuplicatePools.class, DuplicateClient.class).close());
        String message = failure.getMessage();
        assertTrue(message.contains("@Pool(\"inject-twice\")"), message);
        assertTrue(message.contains(DuplicatePools.class.getName() + ".first()"), message);
        assertTrue(message.contains(DuplicatePools.class.getName() + ".second()"), message);
    }

    @Test
    void anInvalidPoolNameFailsDeployment() {
        DefinitionException failure = assertThrows(DefinitionException.class,
                () -> Containers.start(BadNamePools.class).close());
        assertTrue(failure.getMessage().contains("no spaces allowed"), failure.getMessage());
        assertTrue(failure.getMessage().contains(BadNamePools.class.getName() + ".bad()"), failure.getMessage());
    }

    @Test
    void aProducerThatReturnsNullFailsThePoolsCreationNamingTheProducer() {
        try (WeldContainer container = Containers.start(NullPools.class)) {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> container.select(RESOURCE_POOL, Pool.Literal.of("inject-null")).get());
            Throwable cause = Stream.iterate((Throwable) failure, Objects::nonNull, Throwable::getCause)
                    .filter(IllegalStateException.class::isInstance).findFirst().orElseThrow(() -> failure);
            assertTrue(cause.getMessage().contains(NullPools.class.getName() + ".missing() returned null"),
                    cause.getMessage());
        }
    }
}
