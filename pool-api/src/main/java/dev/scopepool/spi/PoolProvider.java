// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.spi;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;

/**
 * The service that builds pools, found with {@link java.util.ServiceLoader} by
 * {@link dev.scopepool.ResourcePools}. {@code pool-impl} provides one; user code never calls
 * it directly.
 */
public interface PoolProvider {

    /**
     * Creates and starts a pool. Must be thread-safe.
     *
     * @param config a validated configuration
     * @param <T> the resource type
     * @return a new open pool, owned by the caller
     * @throws IllegalStateException if the pool's MXBean name is taken by a live pool;
     *         nothing was created then
     */
    <T> ResourcePool<T> create(PoolConfig<T> config);
}
