// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.stream.Stream;
import jakarta.enterprise.inject.se.SeContainer;
import org.junit.jupiter.api.Test;

/** Each scope kind: how its pool is named, and that it closes, with its resources, when its context ends. */
class PoolScopesTest {

    @Dependent
    public static class ScopedPools {
        @Produces @Pool("scopes-app") @ApplicationScoped
        PoolConfig<FakeResource> app(ResourceLedger ledger) {
            return ledger.config();
        }

        @Produces @Pool("scopes-singleton") @Singleton
        PoolConfig<FakeResource> singleton(ResourceLedger ledger) {
            return ledger.config();
        }

        @Produces @Pool("scopes-request") @RequestScoped
        PoolConfig<FakeResource> request(ResourceLedger ledger) {
            return ledger.config();
        }

        @Produces @Pool("scopes-dependent")
        PoolConfig<FakeResource> dependent(ResourceLedger ledger) {
            return ledger.config();
        }

        @Produces @Pool("scopes-taken") @ApplicationScoped
        PoolConfig<FakeResource> taken(ResourceLedger ledger) {
            return ledger.config();
        }
    }

    @Dependent
    public static class AppClient {
        @Inject @Pool("scopes-app") ResourcePool<FakeResource> pool;
    }

    @Dependent
    public static class SingletonClient {
        @Inject @Pool("scopes-singleton") ResourcePool<FakeResource> pool;
    }

    @Dependent
    public static class RequestClient {
        @Inject @Pool("scopes-request") ResourcePool<FakeResource> pool;
    }

    @Dependent
    public static class TakenClient {
        @Inject @Pool("scopes-taken") ResourcePool<FakeResource> pool;
    }

    @Dependent
    public static class DependentOwner {
        @Inject @Pool("scopes-dependent") ResourcePool<FakeResource> pool;
    }

    // Clients are @Dependent so a test reads their fields directly, not through a proxy.
    private static final Class<?>[] BEANS = {ScopedPools.class, AppClient.class, SingletonClient.class,
        RequestClient.class, DependentOwner.class, TakenClient.class};

    /** Borrows two resources at once, so the pool has created two, and gives them back. */
    private static void use(ResourcePool<FakeResource> pool) throws InterruptedException {
        FakeResource first = pool.acquire();
        FakeResource second = pool.acquire();
        pool.release(first);
        pool.release(second);
    }

    @Test
    void applicationScopedPoolIsNamedExactlyAndClosesAtShutdown() throws InterruptedException {
        ResourceLedger ledger;
        ResourcePool<?> pool;
        try (SeContainer container = Containers.start(BEANS)) {
            ledger = container.select(ResourceLedger.class).get();
            AppClient client = container.select(AppClient.class).get();
            use(client.pool);
            assertEquals("scopes-app", client.pool.name());

            pool = container.select(PoolRegistry.class).get().get("scopes-app").orElseThrow();
            assertFalse(pool.isClosed());
            Containers.assertMBeanRegistered("scopes-app");
        }
        assertTrue(pool.isClosed());
        Containers.assertMBeanGone("scopes-app");
        assertEquals(2, ledger.created().size());
        ledger.assertEachDestroyedOnce();
    }

    @Test
    void singletonPoolIsNamedExactlyAndClosesAtShutdown() throws InterruptedException {
        ResourceLedger ledger;
        ResourcePool<FakeResource> pool;
        try (SeContainer container = Containers.start(BEANS)) {
            ledger = container.select(ResourceLedger.class).get();
            pool = container.select(SingletonClient.class).get().pool;
            use(pool);

            assertEquals("scopes-singleton", pool.name());
            Containers.assertMBeanRegistered("scopes-singleton");
            assertFalse(pool.isClosed());
        }
        assertTrue(pool.isClosed(), "a @Singleton pool is the pool itself, closed at shutdown");
        Containers.assertMBeanGone("scopes-singleton");
        ledger.assertEachDestroyedOnce();
    }

    @Test
    void requestScopedPoolLivesForOneRequest() throws Exception {
        try (SeContainer container = Containers.start(BEANS)) {
            ResourceLedger ledger = container.select(ResourceLedger.class).get();
            RequestClient client = container.select(RequestClient.class).get();
            PoolRegistry registry = container.select(PoolRegistry.class).get();

            ResourcePool<?> firstPool = Requests.inNewRequest(container, "request-1", () -> {
                use(client.pool);
                String name = client.pool.name();
                assertTrue(name.matches("scopes-request-[0-9]+"), name);
                Containers.assertMBeanRegistered(name);
                return registry.get(name).orElseThrow();
            });
            String firstName = firstPool.name();
            assertTrue(firstPool.isClosed(), "the request ended");
            assertTrue(registry.get(firstName).isEmpty());
            Containers.assertMBeanGone(firstName);
            ledger.assertEachDestroyedOnce();

            String secondName = Requests.inNewRequest(container, "request-2", client.pool::name);
            assertNotEquals(firstName, secondName, "each request gets its own pool, with its own name");
        }
    }

    /**
     * One injected client proxy reaches a different pool in each request: the proxy is a
     * {@code ResourcePool}, never the pool itself.
     */
    @Test
    void aRequestScopedPoolIsInjectedAsAClientProxyOfItsOwnType() throws Exception {
        try (SeContainer container = Containers.start(BEANS)) {
            RequestClient client = container.select(RequestClient.class).get();
            PoolRegistry registry = container.select(PoolRegistry.class).get();

            ResourcePool<?> first = Requests.inNewRequest(container, "request-a",
                    () -> registry.get(client.pool.name()).orElseThrow());
            ResourcePool<?> second = Requests.inNewRequest(container, "request-b",
                    () -> registry.get(client.pool.name()).orElseThrow());

            assertNotSame(first, second);
            assertNotSame(first, client.pool);
            assertTrue(first.isClosed() && second.isClosed());
        }
    }

    @Test
    void anApplicationScopedPoolIsInjectedAsAClientProxyThatDelegatesToThePool() throws InterruptedException {
        try (SeContainer container = Containers.start(BEANS)) {
            AppClient client = container.select(AppClient.class).get();
            ResourcePool<FakeResource> proxy = client.pool;

            FakeResource borrowed = proxy.acquire();
            ResourcePool<?> pool = container.select(PoolRegistry.class).get().get("scopes-app").orElseThrow();
            assertNotSame(pool, proxy, "injected through a client proxy");
            assertEquals(1, pool.stats().inUse(), "the proxy's acquire reached the pool");
            proxy.release(borrowed);
            assertEquals(0, pool.stats().inUse());
        }
    }

    @Test
    void dependentPoolClosesWhenItsOwnerIsDestroyed() throws InterruptedException {
        try (SeContainer container = Containers.start(BEANS)) {
            ResourceLedger ledger = container.select(ResourceLedger.class).get();
            Instance<DependentOwner> owners = container.select(DependentOwner.class);
            DependentOwner first = owners.get();
            DependentOwner second = owners.get();
            assertNotSame(first.pool, second.pool);
            assertTrue(first.pool.name().matches("scopes-dependent-[0-9]+"), first.pool.name());
            assertNotEquals(first.pool.name(), second.pool.name());
            use(first.pool);
            Containers.assertMBeanRegistered(first.pool.name());

            owners.destroy(first);

            assertTrue(first.pool.isClosed());
            Containers.assertMBeanGone(first.pool.name());
            ledger.assertEachDestroyedOnce();
            assertFalse(second.pool.isClosed(), "the other owner's pool is untouched");
            owners.destroy(second);
            assertTrue(second.pool.isClosed());
        }
    }

    @Test
    void aPoolThatCannotBeCreatedFailsItsCallerAndIsCreatedOnALaterCall() throws InterruptedException {
        ResourcePool<String> squatter = ResourcePools.create(
                PoolConfig.<String>builder().name("scopes-taken").create(() -> "squatter").build());
        try (SeContainer container = Containers.start(BEANS)) {
            ResourceLedger ledger = container.select(ResourceLedger.class).get();
            PoolRegistry registry = container.select(PoolRegistry.class).get();
            TakenClient client = container.select(TakenClient.class).get();

            RuntimeException failure = assertThrows(RuntimeException.class, () -> client.pool.acquire());
            assertTrue(Stream.iterate((Throwable) failure, Objects::nonNull, Throwable::getCause)
                    .anyMatch(IllegalStateException.class::isInstance), "the JMX name is taken: " + failure);
            assertTrue(registry.get("scopes-taken").isEmpty());
            assertTrue(ledger.created().isEmpty());

            squatter.close();
            client.pool.release(client.pool.acquire());
            assertEquals("scopes-taken", client.pool.name());
            assertTrue(registry.get("scopes-taken").isPresent());
        } finally {
            squatter.close();
        }
    }
}
