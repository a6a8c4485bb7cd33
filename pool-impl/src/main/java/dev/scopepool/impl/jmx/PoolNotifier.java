// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import dev.scopepool.ResourcePoolMXBean;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * Sends one pool's JMX notifications.
 *
 * <p>Events are raised on pool threads (health checks, timed-out acquirers, resize callers),
 * so delivery is handed to a single daemon thread {@code scopepool-<name>-jmx-notifier}:
 * emitting only enqueues and never blocks, and one thread delivers a pool's notifications in
 * the order they were emitted. The thread exists only while there is something to deliver (it
 * exits after a few idle seconds) and is stopped by {@link #shutdown()}, so it never outlives
 * the pool's {@code close()}. Without listeners nothing is enqueued at all.
 *
 * <p>Every notification carries its source {@link ObjectName}, a sequence number (unique per
 * pool, from 1, increasing in emission order), a time stamp and only open-type user data (String, Long,
 * {@link CompositeData}), so a remote client without scopepool's classes (JConsole) can
 * read it.
 */
final class PoolNotifier {

    private static final Logger LOG = System.getLogger(PoolNotifier.class.getName());

    /** Long enough for listeners that do a little work, short enough not to stall close(). */
    private static final long SHUTDOWN_WAIT_MILLIS = 2_000;

    private static final long IDLE_THREAD_SECONDS = 5;

    /** User data of {@link ResourcePoolMXBean#RESIZE}: the new bounds. */
    static final CompositeType BOUNDS = bounds();

    private final ObjectName source;
    private final String poolName;
    private final ThreadPoolExecutor delivery;
    private final NotificationBroadcasterSupport broadcaster;
    private final AtomicLong sequence = new AtomicLong();
    private volatile Thread deliveryThread;

    PoolNotifier(ObjectName source, String poolName) {
        this.source = source;
        this.poolName = poolName;
        this.delivery = new ThreadPoolExecutor(1, 1, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), this::newDeliveryThread);
        delivery.allowCoreThreadTimeOut(true);
        this.broadcaster = new NotificationBroadcasterSupport(delivery, notificationInfo());
    }

    /** @return the broadcaster the MBean delegates listener (de)registration to */
    NotificationBroadcasterSupport broadcaster() {
        return broadcaster;
    }

    /**
     * @param message why the resource failed its check; becomes the notification's message
     *        and its user data
     */
    void healthCheckFailed(String message) {
        String text = message != null ? message : "health check failed";
        Notification n = newNotification(ResourcePoolMXBean.HEALTH_CHECK_FAILED, text);
        n.setUserData(text);
        send(n);
    }

    /** @param timeoutMillis the caller's timeout; the notification's user data */
    void acquireTimedOut(long timeoutMillis) {
        Notification n = newNotification(ResourcePoolMXBean.ACQUIRE_TIMEOUT,
                "Acquire timeout after " + timeoutMillis + "ms in pool " + poolName);
        n.setUserData(timeoutMillis);
        send(n);
    }

    /**
     * @param min the new minimum
     * @param max the new maximum; both are in the user data, a {@link #BOUNDS} composite
     */
    void resized(int min, int max) {
        Notification n = newNotification(ResourcePoolMXBean.RESIZE,
                "Pool " + poolName + " resized to min=" + min + ", max=" + max);
        try {
            n.setUserData(new CompositeDataSupport(BOUNDS,
                    new String[] {"min", "max"}, new Object[] {min, max}));
        } catch (OpenDataException e) {
            // BOUNDS is fixed above; failing here is a programming error, yet must not hurt the pool.
            LOG.log(Level.WARNING, "Cannot describe resize of pool " + poolName, e);
        }
        send(n);
    }

    /**
     * @param cause the last creation failure; its {@code toString()} is the notification's
     *        message and its user data
     */
    void down(Throwable cause) {
        String text = String.valueOf(cause);
        Notification n = newNotification(ResourcePoolMXBean.DOWN, text);
        n.setUserData(text);
        send(n);
    }

    void up() {
        send(newNotification(ResourcePoolMXBean.UP, "Pool " + poolName + " is up again: a creation succeeded"));
    }

    /**
     * Lets notifications already queued be delivered (for up to two seconds), then stops the
     * delivery thread; later events are dropped. Idempotent, never throws.
     */
    void shutdown() {
        delivery.shutdown();
        if (Thread.currentThread() == deliveryThread) {
            // A listener closed the pool: waiting here for our own thread would only time out.
            return;
        }
        try {
            if (!delivery.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                int dropped = delivery.shutdownNow().size();
                LOG.log(Level.WARNING, "A JMX notification listener of pool {0} is still busy after "
                        + "{1}ms; stopped delivery, {2} notification(s) dropped",
                        poolName, SHUTDOWN_WAIT_MILLIS, dropped);
            }
        } catch (InterruptedException e) {
            delivery.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private Notification newNotification(String type, String message) {
        return new Notification(type, source, sequence.incrementAndGet(),
                System.currentTimeMillis(), message);
    }

    private void send(Notification n) {
        try {
            broadcaster.sendNotification(n);
        } catch (RejectedExecutionException e) {
            // The pool raced its own close: the MBean is gone, nobody can expect this one.
            LOG.log(Level.DEBUG, "Dropped {0} notification of closed pool {1}", n.getType(), poolName);
        }
    }

    private Thread newDeliveryThread(Runnable task) {
        Thread t = new Thread(task, "scopepool-" + poolName + "-jmx-notifier");
        t.setDaemon(true);
        deliveryThread = t;
        return t;
    }

    private static MBeanNotificationInfo[] notificationInfo() {
        String cls = Notification.class.getName();
        return new MBeanNotificationInfo[] {
            new MBeanNotificationInfo(new String[] {ResourcePoolMXBean.HEALTH_CHECK_FAILED}, cls,
                    "A health check found an idle resource unhealthy; it is destroyed and the pool "
                    + "refills to Min. Message and user data: why the check failed."),
            new MBeanNotificationInfo(new String[] {ResourcePoolMXBean.ACQUIRE_TIMEOUT}, cls,
                    "An acquire gave up waiting for a resource. User data: the caller's timeout "
                    + "in milliseconds (Long)."),
            new MBeanNotificationInfo(new String[] {ResourcePoolMXBean.RESIZE}, cls,
                    "The pool's Min/Max changed. User data: a composite with items min and max."),
            new MBeanNotificationInfo(new String[] {ResourcePoolMXBean.DOWN}, cls,
                    "Creations failed so often in a row that the pool is down: acquirers without an idle "
                    + "resource fail at once while a probe retries. Message and user data: the last failure."),
            new MBeanNotificationInfo(new String[] {ResourcePoolMXBean.UP}, cls,
                    "A creation succeeded and the pool, which was down, is up again."),
        };
    }

    private static CompositeType bounds() {
        try {
            return new CompositeType("scopepool.Bounds", "The bounds of a pool after a resize",
                    new String[] {"min", "max"},
                    new String[] {"The new minimum", "The new maximum"},
                    new OpenType<?>[] {SimpleType.INTEGER, SimpleType.INTEGER});
        } catch (OpenDataException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
