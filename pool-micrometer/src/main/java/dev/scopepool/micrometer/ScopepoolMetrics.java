// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import dev.scopepool.ResourcePool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Publishes pools' statistics as Micrometer meters, each tagged {@code pool=<name>}.
 *
 * <table>
 *   <caption>Meters per pool</caption>
 *   <tr><th>meter</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code scopepool.resources}</td><td>gauge</td><td>live resources (total)</td></tr>
 *   <tr><td>{@code scopepool.resources.idle}</td><td>gauge</td><td>idle resources</td></tr>
 *   <tr><td>{@code scopepool.resources.active}</td><td>gauge</td><td>resources on loan</td></tr>
 *   <tr><td>{@code scopepool.resources.pending}</td><td>gauge</td><td>waiting callers</td></tr>
 *   <tr><td>{@code scopepool.resources.creating}</td><td>gauge</td><td>creations under way</td></tr>
 *   <tr><td>{@code scopepool.resources.max}, {@code .min}</td><td>gauge</td><td>the bounds in force</td></tr>
 *   <tr><td>{@code scopepool.pool.down}</td><td>gauge</td><td>1 while the pool is down, else 0</td></tr>
 *   <tr><td>{@code scopepool.resources.acquired}, {@code .released}, {@code .created},
 *       {@code .destroyed}, {@code .timeouts}, {@code .rejected},
 *       {@code scopepool.resources.creation.failures}</td><td>function counter</td>
 *       <td>the {@link dev.scopepool.PoolStats} counter of that name</td></tr>
 *   <tr><td>{@code scopepool.resources.retired}, tag {@code reason} = {@code invalidated},
 *       {@code unhealthy}, {@code maxLifetime}, {@code idleTimeout}, {@code maxUses},
 *       {@code abandoned}</td><td>function counter</td><td>resources taken out of service for
 *       that reason</td></tr>
 *   <tr><td>{@code scopepool.resources.acquire.wait}</td><td>timer</td><td>acquires that had to
 *       wait, served or not</td></tr>
 *   <tr><td>{@code scopepool.resources.creation}</td><td>timer</td><td>{@code create} calls,
 *       failed ones included</td></tr>
 * </table>
 *
 * <p>Gauges and counters are read from the pool's {@link ResourcePool#stats()} when a registry
 * asks for them, so binding adds no work to acquire and release; the meters of one scrape share
 * one snapshot. The timers need events the statistics do not hold: while bound, the binder
 * listens to each pool ({@link ResourcePool#addListener}), so they count on any pool, however it
 * was built; that listener hears only acquires that had to wait and creations, never the fast
 * path.
 *
 * <p>Lifecycle: {@link #close()} removes every meter of this binder from every registry it was
 * bound to, and its listeners from the pools. A pool that closes loses its meters as soon as it
 * has closed. A pool that is already closed when bound gets no meters.
 *
 * <p>Bind a pool through one binder per registry: meters are identified by name and tags, so a
 * second binder of the same pool in the same registry shares (and on close removes) the first
 * one's meters.
 *
 * <p>Thread-safe: binding, closing and reading may happen on any threads at once. Gauges hold
 * their state strongly, so meters keep reporting even when the application keeps no reference
 * to the binder.
 */
public final class ScopepoolMetrics implements MeterBinder, AutoCloseable {

    private final List<MeteredPool> pools;
    private boolean closed;

    private ScopepoolMetrics(List<MeteredPool> pools) {
        this.pools = pools;
    }

    /**
     * A binder for one pool.
     *
     * @param pool the pool to publish
     * @return a binder not yet bound to any registry
     * @throws NullPointerException if {@code pool} is null
     */
    public static ScopepoolMetrics of(ResourcePool<?> pool) {
        Objects.requireNonNull(pool, "pool must not be null");
        return new ScopepoolMetrics(List.of(new MeteredPool(pool)));
    }

    /**
     * A binder for several pools, for instance {@code PoolRegistry.pools().values()}. The
     * pools are copied now: pools added to {@code pools} later are not bound.
     *
     * @param pools the pools to publish; may be empty
     * @return a binder not yet bound to any registry
     * @throws NullPointerException if {@code pools} or one of its elements is null
     * @throws IllegalArgumentException if two of the pools have the same name (their meters
     *         would be one and the same)
     */
    public static ScopepoolMetrics of(Iterable<? extends ResourcePool<?>> pools) {
        Objects.requireNonNull(pools, "pools must not be null");
        List<MeteredPool> metered = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (ResourcePool<?> pool : pools) {
            Objects.requireNonNull(pool, "pools[" + index + "] is null");
            if (!names.add(pool.name())) {
                throw new IllegalArgumentException("pools[" + index + "]: two pools are named '"
                        + pool.name() + "'; their meters would clash");
            }
            metered.add(new MeteredPool(pool));
            index++;
        }
        return new ScopepoolMetrics(List.copyOf(metered));
    }

    /**
     * Registers the meters of every pool that is still open. Binding to a registry this binder
     * is already bound to changes nothing.
     *
     * @param registry where to register
     * @throws NullPointerException if {@code registry} is null
     * @throws IllegalStateException if this binder is closed
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        synchronized (pools) {
            if (closed) {
                throw new IllegalStateException("ScopepoolMetrics is closed: cannot bind it again");
            }
            for (MeteredPool p : pools) {
                p.bindTo(registry);
            }
        }
    }

    /** Removes every meter of this binder from every registry it was bound to. Idempotent, never throws. */
    @Override
    public void close() {
        synchronized (pools) {
            closed = true;
            for (MeteredPool p : pools) {
                p.detach();
            }
        }
    }

    @Override
    public String toString() {
        return "ScopepoolMetrics" + pools.stream().map(MeteredPool::name).toList();
    }
}
