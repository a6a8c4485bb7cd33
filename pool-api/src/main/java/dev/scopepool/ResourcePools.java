// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

import dev.scopepool.spi.PoolProvider;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Creates stand-alone pools through the {@link PoolProvider} found on the class path
 * ({@code dev.scopepool:pool-impl}). The caller owns such a pool and must close it; for pools
 * that close with their owner, use {@link Scope}.
 */
public final class ResourcePools {

    private ResourcePools() {
    }

    /**
     * @param config the pool's configuration
     * @param <T> the resource type
     * @return a new open pool
     * @throws NullPointerException if {@code config} is null
     * @throws IllegalStateException if no implementation is on the class path, or the pool's
     *         JMX name is taken by another live pool
     */
    public static <T> ResourcePool<T> create(PoolConfig<T> config) {
        Objects.requireNonNull(config, "config must not be null");
        return provider().create(config);
    }

    private static volatile PoolProvider provider;

    /** Loaded on first use, so a missing implementation fails where a pool is wanted, and again until one is found. */
    private static PoolProvider provider() {
        PoolProvider found = provider;
        if (found == null) {
            found = load();
            provider = found;
        }
        return found;
    }

    private static PoolProvider load() {
        Iterator<PoolProvider> found = ServiceLoader.load(PoolProvider.class,
                ResourcePools.class.getClassLoader()).iterator();
        if (!found.hasNext()) {
            found = ServiceLoader.load(PoolProvider.class).iterator();
        }
        if (!found.hasNext()) {
            throw new IllegalStateException("No scopepool implementation found: put "
                    + "dev.scopepool:pool-impl on the class path (no "
                    + PoolProvider.class.getName() + " service was found)");
        }
        return found.next();
    }
}
