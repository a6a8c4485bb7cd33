// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import dev.scopepool.PoolListener;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * A pool's presence in JMX: its MXBean registered as
 * {@link ResourcePoolMXBean#DOMAIN_TYPE}{@code ,name=<name>} (inside a Jakarta EE application
 * {@link ResourcePoolMXBean#DOMAIN_TYPE}{@code ,app=<application>,name=<name>}, see
 * {@link ApplicationName}) on the platform MBeanServer from
 * {@link #register} until {@link #unregister()}, and, as the pool's {@link PoolListener}, the
 * source of its notifications.
 *
 * <p>The engine registers a pool before it creates any resource, so a duplicate name fails
 * the creation with nothing to undo, and calls {@link #closed} at the end of the pool's close,
 * which unregisters: a name is taken exactly while its pool is live. Listener callbacks only
 * enqueue a notification ({@link PoolNotifier}); they never block the pool thread that calls
 * them.
 */
public final class PoolJmx implements PoolListener {

    private static final Logger LOG = System.getLogger(PoolJmx.class.getName());

    private final MBeanServer server;
    private final ObjectName name;
    private final PoolNotifier notifier;
    private final AtomicBoolean registered = new AtomicBoolean(true);

    private PoolJmx(MBeanServer server, ObjectName name, PoolNotifier notifier) {
        this.server = server;
        this.name = name;
        this.notifier = notifier;
    }

    /**
     * Registers the pool's MXBean, {@link ResourcePoolMXBean#DOMAIN_TYPE}{@code ,name=<pool.name()>}
     * with the calling thread's application key if there is one, on the platform MBeanServer. This and the returned listener are all the engine sees of JMX.
     *
     * @param pool the pool, already constructed; read and driven only through its public API
     * @param lastHealthCheckFailure the message of the pool's last health-check failure, or
     *        {@code null} when there was none
     * @param permitWaits how many of the pool's creations had to wait for a creation permit
     * @return the registration, to add as the pool's listener
     * @throws IllegalStateException (naming the pool) if that name is already registered
     */
    public static PoolJmx register(ResourcePool<?> pool, Supplier<String> lastHealthCheckFailure,
            LongSupplier permitWaits) {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(lastHealthCheckFailure, "lastHealthCheckFailure");
        Objects.requireNonNull(permitWaits, "permitWaits");
        ObjectName name = objectName(ApplicationName.objectNameKey(), pool.name());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        PoolNotifier notifier = new PoolNotifier(name, pool.name());
        PoolMBean mbean = new PoolMBean(new PoolManagement(pool, lastHealthCheckFailure, permitWaits), notifier);
        try {
            server.registerMBean(mbean, name);
        } catch (InstanceAlreadyExistsException e) {
            notifier.shutdown();
            throw new IllegalStateException("A pool named '" + pool.name() + "' is already registered in JMX as "
                    + name + "; names of live JMX-registered pools must be unique (choose another name, "
                    + "close the other pool first, or configure jmx(false))", e);
        } catch (JMException e) {
            notifier.shutdown();
            throw new IllegalStateException("Cannot register pool '" + pool.name() + "' in JMX as " + name, e);
        }
        LOG.log(Level.DEBUG, "Registered {0}", name);
        return new PoolJmx(server, name, notifier);
    }

    /**
     * @param applicationKey {@code ,app=<application>} or empty, from {@link ApplicationName}
     * @param poolName a valid pool name
     * @return the pool's MXBean name
     * @throws IllegalArgumentException if the name cannot be part of an ObjectName unquoted
     */
    static ObjectName objectName(String applicationKey, String poolName) {
        try {
            // Pool names are [A-Za-z0-9._-]: never a character that would need ObjectName.quote.
            return new ObjectName(ResourcePoolMXBean.DOMAIN_TYPE + applicationKey + ",name=" + poolName);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Pool name '" + poolName + "' is not usable in a JMX name", e);
        }
    }

    /** @return the name this pool is registered under */
    ObjectName objectName() {
        return name;
    }

    /**
     * Removes the MXBean and stops notification delivery (after delivering what was already
     * emitted, for up to two seconds). Idempotent, never throws.
     */
    void unregister() {
        if (!registered.compareAndSet(true, false)) {
            return;
        }
        try {
            server.unregisterMBean(name);
            LOG.log(Level.DEBUG, "Unregistered {0}", name);
        } catch (InstanceNotFoundException e) {
            // Someone unregistered it for us (a management tool): the outcome we wanted.
            LOG.log(Level.DEBUG, "{0} was already unregistered", name);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot unregister " + name, e);
        }
        notifier.shutdown();
    }

    @Override
    public void healthCheckFailed(String pool, String message) {
        notifier.healthCheckFailed(message);
    }

    @Override
    public void acquireTimedOut(String pool, long timeoutMillis) {
        notifier.acquireTimedOut(timeoutMillis);
    }

    @Override
    public void resized(String pool, int min, int max) {
        notifier.resized(min, max);
    }

    @Override
    public void down(String pool, Throwable cause) {
        notifier.down(cause);
    }

    @Override
    public void up(String pool) {
        notifier.up();
    }

    /** The pool finished closing: its name is free again once this returns. */
    @Override
    public void closed(String pool) {
        unregister();
    }
}
