// SPDX-License-Identifier: Apache-2.0
/**
 * CDI integration: pools declared by producers of {@code PoolConfig<T>} qualified
 * {@link dev.scopepool.cdi.Pool @Pool}, injected as {@code ResourcePool<T>}, and closed when
 * their CDI context ends.
 *
 * <pre>{@code
 * @ApplicationScoped class Pools {
 *     @Produces @Pool("orders-db") @ApplicationScoped
 *     PoolConfig<Conn> ordersDb(DbSettings s) { return PoolConfig.<Conn>builder()...build(); }
 * }
 * class OrderService { @Inject @Pool("orders-db") ResourcePool<Conn> pool; }
 * }</pre>
 *
 * <p>{@link dev.scopepool.cdi.PoolExtension} does the work and is registered as a service, so a
 * container that loads extensions from the class path needs nothing else. Pools of
 * {@code @ApplicationScoped} and {@code @Singleton} producers are named exactly after
 * {@code @Pool}; pools of every other scope, which can have several live instances, are named
 * {@code <name>-<n>}. {@link dev.scopepool.cdi.PoolRegistry} lists the open pools, and
 * {@link dev.scopepool.cdi.PoolCreated}, {@link dev.scopepool.cdi.PoolClosed},
 * {@link dev.scopepool.cdi.HealthCheckFailed}, {@link dev.scopepool.cdi.PoolDown} and
 * {@link dev.scopepool.cdi.PoolUp} report their life, each event on the thread its Javadoc
 * names: never a pool's own thread, never the acquire/release path.
 *
 * <p>With MicroProfile Config on the class path (optional), properties
 * {@code scopepool.<name>.min}, {@code .max}, {@code .acquire-timeout}, {@code .max-lifetime},
 * {@code .idle-timeout}, {@code .max-waiters} and {@code .health-check-interval} override the
 * producer's values; durations are ISO-8601 ({@code PT5S}) or a number with {@code ms},
 * {@code s}, {@code m}, {@code h} or {@code d}. A bad value fails deployment, naming the
 * property and the value.
 *
 * <p>With {@code pool-jdbc} as well, {@code scopepool.<name>.jdbc.url} (with optional
 * {@code .jdbc.username} and {@code .jdbc.password}) defines an application-scoped
 * {@code @Pool("<name>") DataSource}, closed at shutdown; injecting one whose URL is not
 * configured fails deployment naming the property.
 */
package dev.scopepool.cdi;
