// SPDX-License-Identifier: Apache-2.0
/**
 * A pool's presence in JMX: its {@link dev.scopepool.ResourcePoolMXBean}, registered as
 * {@link dev.scopepool.ResourcePoolMXBean#DOMAIN_TYPE}{@code ,name=<pool name>} (with an
 * {@code app=<application>} key inside a Jakarta EE application) on the platform MBeanServer
 * while the pool is open, its notifications, and the all-pools overview.
 *
 * <ul>
 *   <li>{@link dev.scopepool.impl.jmx.PoolJmx} registers and unregisters, and is the pool's
 *       listener: the only class the engine calls.</li>
 *   <li>{@code PoolManagement} answers attributes and operations through the pool's public
 *       API, one stats snapshot per read, and turns failures into JDK exception types a
 *       remote client can read without scopepool's classes.</li>
 *   <li>{@code PoolMBean} describes attributes, operations and parameters for JMX
 *       clients.</li>
 *   <li>{@code PoolNotifier} delivers notifications in order on its own thread, so a pool
 *       thread that emits one never blocks; payloads are open types a client without
 *       scopepool's classes can read.</li>
 *   <li>{@code ApplicationName} finds the calling thread's Jakarta EE application in JNDI, for
 *       the {@code app=} key.</li>
 *   <li>{@link dev.scopepool.impl.jmx.PoolsOverview} is the {@code dev.scopepool:type=Pools}
 *       table of an application's live pools, registered while any of them is open.</li>
 * </ul>
 */
package dev.scopepool.impl.jmx;
