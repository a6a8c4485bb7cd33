// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

import javax.management.openmbean.TabularData;

/**
 * The overview of every live JMX-registered pool in this JVM, registered as
 * {@value #OBJECT_NAME} on the platform MBeanServer while any such pool has been created.
 * JConsole and Hawtio show its {@code Pools} attribute as one table.
 *
 * <p>A standard MBean (not an MXBean): its attribute is already open data, which every JMX
 * client, JConsole and Jolokia included, reads without scopepool's classes. A typed client
 * uses {@code JMX.newMBeanProxy(connection, new ObjectName(OBJECT_NAME), PoolsMBean.class)}.
 */
public interface PoolsMBean {

    /** The overview's {@link javax.management.ObjectName}. */
    String OBJECT_NAME = "dev.scopepool:type=Pools";

    /**
     * @return one row per live JMX-registered pool, indexed by {@code name}, with a column for
     *         every {@link PoolStats} component (named like it); each row is one consistent
     *         {@link ResourcePool#stats()} snapshot
     */
    TabularData getPools();

    /**
     * Checks every idle resource of every live pool now (see {@link ResourcePool#checkHealth()}).
     * A pool that closes meanwhile is skipped.
     *
     * @return how many resources were found unhealthy and removed, over all pools
     */
    int checkHealthAll();
}
