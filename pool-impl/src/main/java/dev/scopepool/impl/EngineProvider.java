// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.jmx.PoolJmx;
import dev.scopepool.spi.PoolProvider;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PoolProvider} of {@code pool-impl}, found by {@link java.util.ServiceLoader}.
 * Names unnamed pools {@code pool-N}, registers each pool's MXBean when configured to (before
 * any resource exists, so a taken name fails with nothing to undo), then starts the pool's
 * housekeeping. Thread-safe.
 */
public final class EngineProvider implements PoolProvider {

    private static final AtomicLong UNNAMED = new AtomicLong();
    /** Bounds the search for a free pool-N, should registration fail for another reason. */
    private static final int MAX_NAME_ATTEMPTS = 100;

    /** Used by {@link java.util.ServiceLoader}. */
    public EngineProvider() {
    }

    @Override
    public <T> ResourcePool<T> create(PoolConfig<T> config) {
        Objects.requireNonNull(config, "config must not be null");
        if (config.name() != null) {
            return open(config);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return open(config.toBuilder().name("pool-" + UNNAMED.incrementAndGet()).build());
            } catch (IllegalStateException nameTaken) {
                // A user named another pool "pool-N": N is not ours to take, try the next.
                if (attempt == MAX_NAME_ATTEMPTS) {
                    throw nameTaken;
                }
            }
        }
    }

    private static <T> EnginePool<T> open(PoolConfig<T> named) {
        EnginePool<T> pool = new EnginePool<>(named);
        if (named.jmx()) {
            pool.addListener(PoolJmx.register(pool, pool::lastHealthCheckFailure, pool::permitWaits));
        }
        pool.scheduleHousekeeping();
        LivePools.track(pool);
        return pool;
    }
}
