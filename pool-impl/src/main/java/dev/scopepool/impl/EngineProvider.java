package dev.scopepool.impl;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.spi.PoolProvider;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PoolProvider} of {@code pool-impl}, found by {@link java.util.ServiceLoader}.
 * Names unnamed pools {@code pool-N}, registers each pool's MXBean when configured to, and
 * starts its housekeeping. Thread-safe.
 */
public final class EngineProvider implements PoolProvider {

    private static final AtomicLong UNNAMED = new AtomicLong();

    /** Used by {@link java.util.ServiceLoader}. */
    public EngineProvider() {
    }

    @Override
    public <T> ResourcePool<T> create(PoolConfig<T> config) {
        Objects.requireNonNull(config, "config must not be null");
        String name = config.name() != null ? config.name() : "pool-" + UNNAMED.incrementAndGet();
        EnginePool<T> pool = new EnginePool<>(config.toBuilder().name(name).build());
        pool.start();
        return pool;
    }
}
