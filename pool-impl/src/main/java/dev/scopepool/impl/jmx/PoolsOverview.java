// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolStats;
import dev.scopepool.PoolsMBean;
import dev.scopepool.ResourcePool;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;
import javax.management.openmbean.TabularType;

/**
 * The {@link PoolsMBean}: one table of every live JMX-registered pool's statistics. Its
 * columns are derived from {@link PoolStats}' components, so a new statistic shows here
 * without a change. Reads pools only through their public API. Thread-safe.
 */
public final class PoolsOverview implements PoolsMBean {

    private static final Logger LOG = System.getLogger(PoolsOverview.class.getName());
    private static final RecordComponent[] COMPONENTS = PoolStats.class.getRecordComponents();
    /** The row's item names: {@code name}, then every {@link PoolStats} component in order. */
    private static final String[] ITEMS = itemNames();
    private static final TabularType TABLE = tableType();

    private final Supplier<? extends Iterable<? extends ResourcePool<?>>> pools;

    private PoolsOverview(Supplier<? extends Iterable<? extends ResourcePool<?>>> pools) {
        this.pools = pools;
    }

    /**
     * Registers an overview of the given pools on the platform MBeanServer as
     * {@value PoolsMBean#OBJECT_NAME}, or inside a Jakarta EE application as
     * {@value PoolsMBean#OBJECT_NAME}{@code ,app=<application>}: one per application, since each
     * application's pools are its own. The engine keeps it while any pool of this class loader is
     * open, and {@linkplain Registration#unregister() unregisters} it at the last close, so that
     * the MBeanServer holds nothing of an undeployed application.
     *
     * @param jmxPools the live JMX-registered pools at the moment of each call
     * @return the registration; it registered nothing if another copy of scopepool in this JVM
     *         (another class loader, same application name) already shows its pools there
     */
    public static Registration register(Supplier<? extends Iterable<? extends ResourcePool<?>>> jmxPools) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try {
            name = new ObjectName(OBJECT_NAME + ApplicationName.objectNameKey());
            server.registerMBean(new StandardMBean(new PoolsOverview(jmxPools), PoolsMBean.class, false), name);
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(Level.DEBUG, () -> OBJECT_NAME + " is registered by another class loader's scopepool");
            return new Registration(server, null);
        } catch (JMException e) {
            LOG.log(Level.WARNING, () -> "Could not register " + OBJECT_NAME, e);
            return new Registration(server, null);
        }
        return new Registration(server, name);
    }

    /** An overview in the MBeanServer, until {@link #unregister()}. */
    public static final class Registration {

        private final MBeanServer server;
        private final ObjectName name;
        private final AtomicBoolean registered;

        private Registration(MBeanServer server, ObjectName name) {
            this.server = server;
            this.name = name;
            this.registered = new AtomicBoolean(name != null);
        }

        /** Removes the overview, if this registered it. Idempotent, never throws. */
        public void unregister() {
            if (!registered.compareAndSet(true, false)) {
                return;
            }
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                LOG.log(Level.DEBUG, () -> name + " was already unregistered");
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Cannot unregister " + name, e);
            }
        }
    }

    @Override
    public TabularData getPools() {
        TabularDataSupport table = new TabularDataSupport(TABLE);
        for (ResourcePool<?> pool : pools.get()) {
            try {
                table.put(row(pool.name(), pool.stats()));
            } catch (OpenDataException e) {
                throw new IllegalStateException("Cannot show the statistics of pool " + pool.name(), e);
            }
        }
        return table;
    }

    @Override
    public int checkHealthAll() {
        int removed = 0;
        for (ResourcePool<?> pool : pools.get()) {
            try {
                removed += pool.checkHealth();
            } catch (PoolClosedException closedMeanwhile) {
                // Closed between listing and checking: nothing left to check.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("checkHealthAll was interrupted after removing " + removed);
            }
        }
        return removed;
    }

    private static CompositeDataSupport row(String name, PoolStats stats) throws OpenDataException {
        Object[] values = new Object[COMPONENTS.length + 1];
        values[0] = name;
        for (int i = 0; i < COMPONENTS.length; i++) {
            try {
                values[i + 1] = COMPONENTS[i].getAccessor().invoke(stats);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("PoolStats." + COMPONENTS[i].getName() + " is not readable", e);
            }
        }
        return new CompositeDataSupport(TABLE.getRowType(), ITEMS, values);
    }

    private static String[] itemNames() {
        String[] names = new String[COMPONENTS.length + 1];
        names[0] = "name";
        for (int i = 0; i < COMPONENTS.length; i++) {
            names[i + 1] = COMPONENTS[i].getName();
        }
        return names;
    }

    private static TabularType tableType() {
        OpenType<?>[] types = new OpenType<?>[ITEMS.length];
        types[0] = SimpleType.STRING;
        for (int i = 0; i < COMPONENTS.length; i++) {
            types[i + 1] = openType(COMPONENTS[i].getType());
        }
        try {
            CompositeType row = new CompositeType("dev.scopepool.PoolStatsRow", "One pool's statistics",
                    ITEMS, ITEMS, types);
            return new TabularType("dev.scopepool.Pools", "Every live pool's statistics", row, new String[] {"name"});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static OpenType<?> openType(Class<?> type) {
        if (type == int.class) {
            return SimpleType.INTEGER;
        }
        if (type == long.class) {
            return SimpleType.LONG;
        }
        if (type == boolean.class) {
            return SimpleType.BOOLEAN;
        }
        throw new ExceptionInInitializerError("PoolStats component of unexpected type " + type);
    }
}
