// SPDX-License-Identifier: Apache-2.0
/**
 * A pool's presence in JMX: its {@link dev.scopepool.ResourcePoolMXBean}, registered as
 * {@link dev.scopepool.ResourcePoolMXBean#DOMAIN_TYPE}{@code ,name=<pool name>} on the
 * platform MBeanServer while the pool is open, and its notifications.
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
 * </ul>
 */
package dev.scopepool.impl.jmx;
