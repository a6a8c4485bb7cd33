// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import org.junit.jupiter.api.Test;

class ResourcePoolsTest {

    @Test
    void theEngineIsFoundThroughServiceLoader() {
        try (ResourcePool<Fake> pool = ResourcePools.create(new FakeFactory().config().build())) {
            assertInstanceOf(EnginePool.class, pool);
        }
    }

    @Test
    void unnamedPoolsAreNamedPoolNUniquely() {
        PoolConfig<Fake> unnamed = new FakeFactory().config().build();
        assertNull(unnamed.name());
        try (ResourcePool<Fake> a = ResourcePools.create(unnamed);
             ResourcePool<Fake> b = ResourcePools.create(unnamed)) {
            assertTrue(a.name().matches("pool-\\d+"), a.name());
            assertNotEquals(a.name(), b.name());
            assertEquals(a.name(), a.config().name());
            assertNull(unnamed.name(), "the caller's config is unchanged");
        }
    }

    @Test
    void anUnnamedPoolSkipsAPoolNTakenByANamedOne() {
        FakeFactory factory = new FakeFactory();
        try (ResourcePool<Fake> probe = ResourcePools.create(factory.config().jmx(true).build())) {
            int n = Integer.parseInt(probe.name().substring("pool-".length()));
            try (ResourcePool<Fake> squatter = ResourcePools.create(
                    factory.config().name("pool-" + (n + 1)).jmx(true).build());
                 ResourcePool<Fake> next = ResourcePools.create(factory.config().jmx(true).build())) {
                assertNotEquals(squatter.name(), next.name());
            }
        }
    }

    @Test
    void nullConfigIsRejected() {
        assertThrows(NullPointerException.class, () -> ResourcePools.create(null));
    }
}
