// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.WARNING;

import jakarta.enterprise.inject.spi.BeanManager;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fires the extension's CDI events, either on the calling thread or from one event thread.
 *
 * <p>Why two ways: events caused by the container's own lifecycle (a pool bean created or
 * destroyed) are fired on that thread, while the container is certainly running and before
 * the pool's context is gone. Events caused by the pool itself (a failed health check, a
 * close someone else started) arrive through a {@link dev.scopepool.PoolListener} on one of
 * the pool's threads; running observers there could stall health checking or closing, so
 * they are queued for the {@code scopepool.cdi.events} thread. The queue is bounded: when
 * observers fall that far behind, new events are dropped and logged rather than holding the
 * pool. The thread stops after a while without events and at container shutdown.
 *
 * <p>An observer that throws ends that event's notification, as CDI defines; the exception is
 * logged and goes no further either way: monitoring must not break a pool.
 */
final class PoolEvents {

    private static final System.Logger LOG = System.getLogger(PoolEvents.class.getName());

    /** Enough for bursts of health-check failures of many pools; beyond it observers are stuck. */
    private static final int QUEUE_CAPACITY = 1024;

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final BeanManager beanManager;
    private final ThreadPoolExecutor eventThread;

    PoolEvents(BeanManager beanManager) {
        this.beanManager = beanManager;
        this.eventThread = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), PoolEvents::newEventThread, dropAndLog());
        // An idle container should not keep a thread; the next event starts a new one.
        eventThread.allowCoreThreadTimeOut(true);
    }

    /** Notifies synchronous observers now, on this thread. */
    <E> void fire(Class<E> type, E event, Pool qualifier) {
        try {
            beanManager.getEvent().select(type, qualifier).fire(event);
        } catch (RuntimeException e) {
            LOG.log(WARNING, () -> "An observer of " + event + " failed; the pool is unaffected", e);
        }
    }

    /** Queues the event for the event thread and returns at once; never blocks. */
    <E> void dispatch(Class<E> type, E event, Pool qualifier) {
        eventThread.execute(new Delivery<>(type, event, qualifier));
    }

    /** Delivers what is queued, waiting a bounded time, then stops the event thread. */
    void shutdown() {
        eventThread.shutdown();
        try {
            if (!eventThread.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                int dropped = eventThread.shutdownNow().size();
                LOG.log(WARNING, "CDI pool event observers still busy after " + SHUTDOWN_WAIT.toMillis()
                        + "ms at shutdown; " + dropped + " queued events dropped");
            }
        } catch (InterruptedException e) {
            eventThread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Not {@code scopepool-<name>-…}: that pattern belongs to a pool's own threads, which end at its close. */
    private static Thread newEventThread(Runnable task) {
        Thread thread = new Thread(task, "scopepool.cdi.events");
        thread.setDaemon(true);
        return thread;
    }

    private static RejectedExecutionHandler dropAndLog() {
        return (task, executor) -> {
            if (executor.isShutdown()) {
                LOG.log(DEBUG, () -> "Container is shutting down; not delivering " + task);
            } else {
                LOG.log(WARNING, () -> "CDI pool event observers are " + QUEUE_CAPACITY
                        + " events behind; dropped " + task);
            }
        };
    }

    /** A queued event; its {@code toString} names the event for the drop logs. */
    private final class Delivery<E> implements Runnable {

        private final Class<E> type;
        private final E event;
        private final Pool qualifier;

        Delivery(Class<E> type, E event, Pool qualifier) {
            this.type = type;
            this.event = event;
            this.qualifier = qualifier;
        }

        @Override
        public void run() {
            fire(type, event, qualifier);
        }

        @Override
        public String toString() {
            return event.toString();
        }
    }
}
