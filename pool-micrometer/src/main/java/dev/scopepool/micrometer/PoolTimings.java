// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import dev.scopepool.PoolListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listener that feeds a pool's timers {@code scopepool.resources.acquire.wait} and
 * {@code scopepool.resources.creation}, and removes its meters the moment the pool closes.
 *
 * <p>A binder cannot attach a listener to a pool that already exists, so the pool must be
 * built with one:
 *
 * <pre>{@code
 * PoolTimings timings = new PoolTimings();           // one may serve many pools
 * ResourcePool<Conn> pool = ResourcePools.create(PoolConfig.<Conn>builder()
 *         .create(Db::connect).listener(timings).build());
 * ScopepoolMetrics.of(pool).bindTo(registry);        // finds timings in pool.config().listeners()
 * }</pre>
 *
 * <p>Without it the timers are still registered but record nothing, and a closed pool's meters
 * are removed at the next read of one of them instead of at once.
 *
 * <p>Events are routed by pool name to the {@link ScopepoolMetrics} bound to that pool; an event
 * for a pool that no binder has bound costs one map look-up. Thread-safe; never blocks.
 */
public final class PoolTimings implements PoolListener {

    private final Map<String, List<MeteredPool>> byPool = new ConcurrentHashMap<>();

    /** Creates a listener that no binder has subscribed to yet. */
    public PoolTimings() {
    }

    @Override
    public void acquireWaited(String pool, long waitNanos, boolean served) {
        for (MeteredPool p : subscribers(pool)) {
            p.recordWait(waitNanos);
        }
    }

    @Override
    public void creationEnded(String pool, long durationNanos, Throwable failure) {
        for (MeteredPool p : subscribers(pool)) {
            p.recordCreation(durationNanos);
        }
    }

    @Override
    public void closed(String pool) {
        for (MeteredPool p : subscribers(pool)) {
            p.poolClosed();
        }
    }

    void subscribe(String pool, MeteredPool meters) {
        byPool.computeIfAbsent(pool, n -> new CopyOnWriteArrayList<>()).add(meters);
    }

    void unsubscribe(String pool, MeteredPool meters) {
        byPool.computeIfPresent(pool, (n, list) -> {
            list.remove(meters);
            return list.isEmpty() ? null : list;
        });
    }

    private List<MeteredPool> subscribers(String pool) {
        List<MeteredPool> found = pool == null ? null : byPool.get(pool);
        return found == null ? List.of() : found;
    }

    @Override
    public String toString() {
        return "PoolTimings" + byPool.keySet();
    }
}
