// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.Lease;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolOverloadedException;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.cdi.Pool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the demo pools busy so their numbers move: a few simulated clients per pool, each
 * borrowing a resource, using it, invalidating it when the use fails, and pausing a random
 * think time. The database pool gets more clients than it has connections, so waits and
 * timeouts show up too.
 *
 * <p>{@link #start()} and {@link #stop()} are thread-safe and idempotent; the clients are
 * daemon threads named {@code scopepool-console-load-…}, all gone when {@link #stop()}
 * returns (or after a bounded wait, logged, if one is stuck in a pool call).
 */
@ApplicationScoped
public class LoadGenerator {

    private static final System.Logger LOG = System.getLogger(LoadGenerator.class.getName());
    private static final long JOIN_MILLIS = 5_000;

    /** One client's use of one borrowed resource. */
    @FunctionalInterface
    private interface Use<T> {
        void on(T resource) throws InterruptedException;
    }

    @Inject
    @Pool(DemoPools.DATABASE)
    ResourcePool<DatabaseConnection> database;

    @Inject
    @Pool(DemoPools.HTTP)
    ResourcePool<SimulatedHttpClient> http;

    @Inject
    @Pool(DemoPools.WORKERS)
    ResourcePool<SimulatedWorker> workers;

    private final List<Thread> clients = new ArrayList<>();
    private CountDownLatch stopSignal;

    /** For CDI. */
    public LoadGenerator() {
    }

    /** Starts the clients; does nothing if they run. */
    public synchronized void start() {
        if (stopSignal != null) {
            return;
        }
        CountDownLatch signal = new CountDownLatch(1);
        stopSignal = signal;
        for (int i = 0; i < 6; i++) {
            startClient("db-" + i, database, DatabaseConnection::queryRandomOrder, 100, signal);
        }
        for (int i = 0; i < 3; i++) {
            startClient("http-" + i, http, c -> c.get("/catalog/items"), 300, signal);
        }
        for (int i = 0; i < 3; i++) {
            startClient("worker-" + i, workers, w -> w.run("daily-report"), 400, signal);
        }
    }

    /** @return whether the clients run */
    public synchronized boolean isRunning() {
        return stopSignal != null;
    }

    /** Stops the clients and waits (bounded) for them to end; idempotent. */
    @PreDestroy
    public synchronized void stop() {
        if (stopSignal == null) {
            return;
        }
        stopSignal.countDown();
        stopSignal = null;
        // Interrupt, so a client blocked in acquire or in a simulated latency ends now.
        clients.forEach(Thread::interrupt);
        for (Thread client : clients) {
            try {
                client.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (client.isAlive()) {
                LOG.log(Level.WARNING, "Load client {0} did not stop within {1} ms",
                        client.getName(), JOIN_MILLIS);
            }
        }
        clients.clear();
    }

    private <T extends SimulatedResource> void startClient(String name, ResourcePool<T> pool,
            Use<T> use, long maxThinkMillis, CountDownLatch stop) {
        Thread client = new Thread(() -> run(pool, use, maxThinkMillis, stop),
                "scopepool-console-load-" + name);
        client.setDaemon(true);
        clients.add(client);
        client.start();
    }

    private static <T extends SimulatedResource> void run(ResourcePool<T> pool, Use<T> use,
            long maxThinkMillis, CountDownLatch stop) {
        try {
            do {
                visit(pool, use);
            } while (!stop.await(ThreadLocalRandom.current().nextLong(maxThinkMillis + 1),
                    TimeUnit.MILLISECONDS));
        } catch (InterruptedException | PoolClosedException e) {
            // Stopping: the generator interrupted us, or the pool closed under us at shutdown.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Load client " + Thread.currentThread().getName() + " failed", e);
        }
    }

    private static <T extends SimulatedResource> void visit(ResourcePool<T> pool, Use<T> use)
            throws InterruptedException {
        try (Lease<T> lease = pool.lease()) {
            try {
                use.on(lease.get());
            } catch (SimulatedFailureException e) {
                // A resource that failed mid-use is not to be lent again.
                lease.invalidate();
            }
        } catch (AcquireTimeoutException | ResourceCreationException | PoolOverloadedException e) {
            // Expected under this load and counted by the pool (Timeouts, CreateFailures, Rejected).
        }
    }
}
