// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.ResourcePool;
import java.util.Objects;

/**
 * A CDI-managed pool was created for its context and is open; it is already listed in
 * {@link PoolRegistry}. Fired with the pool's {@link Pool} qualifier (the declared name), so
 * {@code @Observes @Pool("x") PoolCreated} sees every pool of the declaration {@code x} and an
 * unqualified observer sees all of them.
 *
 * <p>Fired synchronously on the thread that creates the pool bean (the first call through a
 * client proxy, or the injection of a {@code @Dependent}/{@code @Singleton} pool), before the
 * pool is handed out. An observer that throws is logged (as for any CDI event, observers after
 * it miss this event), and the pool is still handed out.
 *
 * @param name the pool's own name: the declared name, or {@code name-<n>} for scopes with
 *        several live instances
 * @param pool the pool itself, not a client proxy
 */
public record PoolCreated(String name, ResourcePool<?> pool) {

    /**
     * @param name the pool's own name
     * @param pool the pool
     */
    public PoolCreated {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(pool, "pool must not be null");
    }
}
