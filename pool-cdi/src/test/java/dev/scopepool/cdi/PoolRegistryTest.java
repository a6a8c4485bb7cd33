// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import jakarta.enterprise.inject.se.SeContainer;
import org.junit.jupiter.api.Test;

class PoolRegistryTest {

    private static final TypeLiteral<ResourcePool<FakeResource>> RESOURCE_POOL = new TypeLiteral<>() { };

    @Dependent
    public static class RegistryPools {
        @Produces @Pool("registry-b") @Singleton
        PoolConfig<FakeResource> b(ResourceLedger ledger) {
            return ledger.config();
        }

        @Produces @Pool("registry-a") @Dependent
        PoolConfig<FakeResource> a(ResourceLedger ledger) {
            return ledger.config();
        }
    }

    @Dependent
    public static class Owner {
        @Inject @Pool("registry-a") ResourcePool<FakeResource> pool;
    }

    @Test
    void listsOnlyOpenPoolsAsImmutableSnapshotsSortedByName() {
        try (SeContainer container = Containers.start(RegistryPools.class, Owner.class)) {
            PoolRegistry registry = container.select(PoolRegistry.class).get();
            assertTrue(registry.pools().isEmpty(), "pools are created when first needed, not at deployment");

            Instance<Owner> owners = container.select(Owner.class);
            Owner owner = owners.get();
            ResourcePool<FakeResource> singleton = container.select(RESOURCE_POOL, Pool.Literal.of("registry-b")).get();
            Map<String, ResourcePool<?>> snapshot = registry.pools();

            assertEquals(List.of(owner.pool.name(), "registry-b"), List.copyOf(snapshot.keySet()));
            assertSame(owner.pool, snapshot.get(owner.pool.name()));
            assertSame(singleton, registry.get("registry-b").orElseThrow());
            assertThrows(UnsupportedOperationException.class, () -> snapshot.remove("registry-b"));

            owners.destroy(owner);

            assertEquals(List.of("registry-b"), List.copyOf(registry.pools().keySet()));
            assertEquals(2, snapshot.size(), "an earlier snapshot does not change");
            assertTrue(registry.get(owner.pool.name()).isEmpty());
            assertTrue(registry.get("registry-unknown").isEmpty());
        }
    }
}
