// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Owns pools: closing the scope closes every pool it created, newest first.
 *
 * <pre>{@code
 * try (Scope scope = Scope.open()) {
 *     ResourcePool<Conn> pool = scope.pool(config);
 *     pool.execute(c -> c.query("SELECT 1"));
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} is idempotent and never throws; a pool created through a
 * closed scope is refused with {@link IllegalStateException}.
 */
public final class Scope implements AutoCloseable {

    private final Deque<ResourcePool<?>> pools = new ArrayDeque<>();
    private boolean closed;

    private Scope() {
    }

    /** @return a new, open scope that owns no pool yet */
    public static Scope open() {
        return new Scope();
    }

    /**
     * Creates a pool owned by this scope (see {@link ResourcePools#create}).
     *
     * @param config the pool's configuration
     * @param <T> the resource type
     * @return the new pool; closing it early is allowed
     * @throws IllegalStateException if the scope is closed, or as {@link ResourcePools#create}
     */
    public <T> ResourcePool<T> pool(PoolConfig<T> config) {
        Objects.requireNonNull(config, "config must not be null");
        synchronized (pools) {
            if (closed) {
                throw new IllegalStateException("scope is closed: cannot create pool " + config.name());
            }
            ResourcePool<T> pool = ResourcePools.create(config);
            pools.push(pool);
            return pool;
        }
    }

    /**
     * Cancels every pool of the scope ({@link ResourcePool#cancel}): their waiting and later
     * acquirers fail with {@link PoolClosedException} whose cause is {@code reason}. The scope
     * is closed afterwards.
     *
     * @param reason why; not {@code null}
     */
    public void cancel(Throwable reason) {
        Objects.requireNonNull(reason, "reason must not be null");
        for (ResourcePool<?> pool : takeAll()) {
            pool.cancel(reason);
        }
    }

    /** Closes every pool of the scope, newest first. Idempotent, never throws. */
    @Override
    public void close() {
        for (ResourcePool<?> pool : takeAll()) {
            pool.close();
        }
    }

    /** @return whether the scope is closed or cancelled */
    public boolean isClosed() {
        synchronized (pools) {
            return closed;
        }
    }

    private List<ResourcePool<?>> takeAll() {
        synchronized (pools) {
            closed = true;
            List<ResourcePool<?>> newestFirst = new ArrayList<>(pools);
            pools.clear();
            return newestFirst;
        }
    }
}
