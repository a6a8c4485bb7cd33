// SPDX-License-Identifier: Apache-2.0
/**
 * scopepool: pools of expensive, reusable resources (connections, sessions, clients), bounded
 * in size, fair to waiters, and closed with their owner.
 *
 * <h2>What a user needs</h2>
 * <ul>
 *   <li>{@link dev.scopepool.PoolConfig} describes a pool: how to {@link dev.scopepool.ResourceFactory
 *       create} and {@link dev.scopepool.ResourceDestroyer destroy} a resource, its
 *       {@code min}/{@code max} size, timeouts, an optional {@link dev.scopepool.HealthCheck}.
 *       It is an immutable value; {@code build()} rejects invalid settings by name.</li>
 *   <li>{@link dev.scopepool.Scope#pool(PoolConfig)} creates a pool that the scope closes,
 *       newest first; {@link dev.scopepool.ResourcePools#create(PoolConfig)} creates one that
 *       the caller closes.</li>
 *   <li>{@link dev.scopepool.ResourcePool} lends resources: {@code execute(work)} or a
 *       try-with-resources {@link dev.scopepool.Lease} give a resource back for you;
 *       {@code acquire}/{@code release} do it by hand, {@code invalidate} destroys a broken
 *       one. Its Javadoc states the guarantees (thread-safety, bounded waits, fairness, each
 *       resource destroyed once).</li>
 *   <li>{@link dev.scopepool.PoolStats} is a consistent snapshot of a pool's gauges and
 *       cumulative counters; {@link dev.scopepool.PoolListener} hears about its events.</li>
 * </ul>
 *
 * <pre>{@code
 * try (Scope scope = Scope.open()) {
 *     ResourcePool<Conn> pool = scope.pool(PoolConfig.<Conn>builder()
 *             .create(Db::connect).destroy(Conn::close).min(2).max(10).build());
 *     String v = pool.execute(c -> c.query("SELECT 1"));
 * }
 * }</pre>
 *
 * <h2>How the pieces fit</h2>
 * Every failure a pool reports is an unchecked {@link dev.scopepool.PoolException}:
 * {@link dev.scopepool.AcquireTimeoutException}, {@link dev.scopepool.PoolClosedException},
 * {@link dev.scopepool.ResourceCreationException}, {@link dev.scopepool.PoolOverloadedException}.
 * Each pool registers a {@link dev.scopepool.ResourcePoolMXBean} unless configured not to, so
 * operators can watch and resize it. This package holds only the contract: the engine is
 * found at run time through {@link dev.scopepool.spi.PoolProvider} (module {@code pool-impl}),
 * and {@link dev.scopepool.spi.CreationPermits} lets pools share a creation budget.
 */
package dev.scopepool;
