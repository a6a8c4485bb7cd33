package dev.scopepool.impl;

import dev.scopepool.Lease;
import dev.scopepool.ResourcePool;
import java.util.concurrent.atomic.AtomicBoolean;

/** A borrowed resource that goes back to its pool exactly once, on close or invalidate. */
final class PoolLease<T> implements Lease<T> {

    private final ResourcePool<T> pool;
    private final T resource;
    private final AtomicBoolean ended = new AtomicBoolean();

    PoolLease(ResourcePool<T> pool, T resource) {
        this.pool = pool;
        this.resource = resource;
    }

    @Override
    public T get() {
        if (ended.get()) {
            throw new IllegalStateException("lease of pool '" + pool.name() + "' has ended");
        }
        return resource;
    }

    @Override
    public void invalidate() {
        if (ended.compareAndSet(false, true)) {
            pool.invalidate(resource);
        }
    }

    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            pool.release(resource);
        }
    }
}
