// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import dev.scopepool.spi.CreationPermits;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.utils.PathUtils;

/**
 * A creation budget shared by every pool, in any JVM, that uses the same ZooKeeper ensemble
 * and {@code path}: at most {@code fleetMax} permits are out at once across all of them.
 *
 * <pre>{@code
 * CuratorFramework zk = CuratorFrameworkFactory.newClient(connectString, new ExponentialBackoffRetry(100, 5));
 * zk.start();
 * CreationPermits orders = ZooKeeperBudget.of(zk, "/scopepool/orders-db", 200);
 * ResourcePool<Conn> pool = ResourcePools.create(PoolConfig.<Conn>builder()
 *         .create(Db::connect).max(40).creationPermits(orders).build());
 * }</pre>
 *
 * <p>Each permit is a lease of Curator's {@link InterProcessSemaphoreV2}, an ephemeral node
 * under {@code path}: the permits of a JVM that crashes return when its ZooKeeper session
 * expires. Every budget on one path must be made with the same {@code fleetMax}.
 *
 * <h2>Connection loss</h2>
 * <ul>
 *   <li>While the client is not connected ({@code SUSPENDED}, {@code LOST},
 *       {@code READ_ONLY}, or before the first connection) nothing is granted: {@link #take}
 *       waits, within its timeout, for the connection to come back. Permits already held stay
 *       valid: the pool keeps lending what it has.</li>
 *   <li>On {@code RECONNECTED}, before granting again, the budget checks every held permit: one
 *       whose lease vanished with an expired session gets a new lease; if none is free it
 *       becomes {@linkplain CreationPermits.Permit#isValid() invalid}, and its pool retires the
 *       resource once it is idle. So the fleet can exceed {@code fleetMax} only between a
 *       session's expiry and its owner's reconnection, by at most what that owner held.</li>
 *   <li>Returning a permit never blocks: the lease node is deleted in the background, retried
 *       until ZooKeeper confirms (or gone with the session).</li>
 * </ul>
 *
 * <p>Thread-safe. The budget adds a connection-state listener to the client and runs
 * re-covering on one daemon thread ({@code scopepool-budget-<path>}) that exists only while
 * it has work. The client stays the caller's to start and close.
 */
public final class ZooKeeperBudget implements CreationPermits {

    private static final Logger LOG = System.getLogger(ZooKeeperBudget.class.getName());

    /** Pause before retrying after ZooKeeper refused an operation, so a failing call never spins. */
    private static final long RETRY_PAUSE_MILLIS = 50;

    private final CuratorFramework client;
    private final String path;
    private final int fleetMax;
    private final InterProcessSemaphoreV2 semaphore;
    private final LeaseReturn leaseReturn;
    private final LeaseRecovery recovery;
    private final GrantGate gate = new GrantGate();
    private final Set<FleetPermit> held = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor recoveryThread;

    private ZooKeeperBudget(CuratorFramework client, String path, int fleetMax) {
        this.client = client;
        this.path = path;
        this.fleetMax = fleetMax;
        this.semaphore = new InterProcessSemaphoreV2(client, path, fleetMax);
        LeasePaths paths = new LeasePaths(path);
        this.leaseReturn = new LeaseReturn(client, paths);
        this.recovery = new LeaseRecovery(client, semaphore, paths, held, leaseReturn);
        this.recoveryThread = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "scopepool-budget-" + path);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A budget of {@code fleetMax} permits at {@code path}.
     *
     * @param client a Curator client, started or not yet started; the caller keeps owning it
     * @param path the ZooKeeper path the budget lives under, shared by every budget that counts
     *        against the same limit
     * @param fleetMax the most permits out at once across every budget on {@code path}; at least 1
     * @return the budget
     * @throws NullPointerException if {@code client} or {@code path} is null
     * @throws IllegalArgumentException if {@code path} is not a valid ZooKeeper path,
     *         {@code fleetMax} is below 1, or {@code client} is already closed
     */
    public static ZooKeeperBudget of(CuratorFramework client, String path, int fleetMax) {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(path, "path must not be null");
        try {
            PathUtils.validatePath(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("path is not a valid ZooKeeper path: '" + path + "' (" + e.getMessage() + ")", e);
        }
        if (fleetMax < 1) {
            throw new IllegalArgumentException("fleetMax must be at least 1, was " + fleetMax);
        }
        if (client.getState() == CuratorFrameworkState.STOPPED) {
            throw new IllegalArgumentException("client is closed: a budget needs a live CuratorFramework");
        }
        ZooKeeperBudget budget = new ZooKeeperBudget(client, path, fleetMax);
        budget.listen();
        return budget;
    }

    private void listen() {
        client.getConnectionStateListenable().addListener((c, state) -> stateChanged(state));
        // Listening first, then reading the state, so a connection made in between is not missed.
        if (client.getZookeeperClient().isConnected()) {
            gate.connected();
        }
    }

    private void stateChanged(ConnectionState state) {
        LOG.log(Level.DEBUG, () -> "Fleet budget " + path + ": connection " + state);
        switch (state) {
            case CONNECTED -> gate.connected();
            case RECONNECTED -> {
                gate.reconnected();
                recoveryThread.execute(this::recoverWhileConnected);
            }
            default -> gate.disconnected();
        }
    }

    /** Re-covers held permits; retries while connected, and gives up to a later reconnection when not. */
    private void recoverWhileConnected() {
        while (gate.isConnected()) {
            try {
                int recovered = recovery.recover();
                if (recovered > 0) {
                    LOG.log(Level.INFO, () -> "Fleet budget " + path + ": took " + recovered
                            + " lease(s) again for permits whose session had expired");
                }
                gate.recovered();
                return;
            } catch (Exception e) {
                LOG.log(Level.DEBUG, () -> "Fleet budget " + path + ": re-covering held permits failed, retrying", e);
                try {
                    TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MILLIS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Takes one permit, waiting at most {@code timeout} for the connection, for the shared
     * mutex and for a free lease.
     *
     * @param timeout the longest to wait; zero means try once
     * @return the permit, or {@code null} when none came in time (the budget is exhausted, or
     *         ZooKeeper was unreachable the whole time)
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IllegalStateException if the client has been closed
     * @throws InterruptedException if interrupted while waiting; no permit is held then
     */
    @Override
    public Permit take(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        while (true) {
            if (client.getState() == CuratorFrameworkState.STOPPED) {
                throw new IllegalStateException("Fleet budget " + path + ": its CuratorFramework is closed");
            }
            if (!gate.awaitOpen(deadline - System.nanoTime())) {
                return null;
            }
            Lease lease = acquire(deadline);
            if (lease != null) {
                FleetPermit permit = new FleetPermit(lease, this::giveBack);
                if (gate.admitIfOpen(() -> held.add(permit))) {
                    return permit;
                }
                // The connection dropped while the lease was being taken: the lease may already
                // be lost with the session, so hand it back and wait for the next connection.
                leaseReturn.deleteInBackground(lease);
            }
            if (deadline - System.nanoTime() <= 0) {
                return null;
            }
        }
    }

    /** @return a lease, or null if none came before {@code deadline} or ZooKeeper failed (after a short pause) */
    private Lease acquire(long deadline) throws InterruptedException {
        long remainingNanos = Math.max(0, deadline - System.nanoTime());
        try {
            return semaphore.acquire(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while taking a permit of fleet budget " + path);
            }
            LOG.log(Level.DEBUG, () -> "Fleet budget " + path + ": taking a lease failed", e);
            long pause = Math.min(TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MILLIS),
                    Math.max(0, deadline - System.nanoTime()));
            TimeUnit.NANOSECONDS.sleep(pause);
            return null;
        }
    }

    private void giveBack(FleetPermit permit, Lease lease) {
        held.remove(permit);
        leaseReturn.deleteInBackground(lease);
    }

    /** @return {@code fleetMax} */
    @Override
    public int limit() {
        return fleetMax;
    }

    @Override
    public String toString() {
        return "ZooKeeperBudget[" + path + ", fleetMax=" + fleetMax + ", held here=" + held.size() + "]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 2;
        }
    }
}
