// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.zookeeper.data.Stat;

/**
 * After a reconnection, makes every held permit covered by a lease of the current session
 * again, or marks it invalid.
 *
 * <p>A lease is an ephemeral node: when the session that created it expired, it is gone (or
 * will be gone shortly, if the server has not yet noticed). For each held permit whose lease
 * node is missing or belongs to another session, the stale node is deleted (so it cannot be
 * counted twice) and a new lease is taken; the first attempt may wait {@link #FIRST_WAIT_MILLIS},
 * later ones only try once, since a budget that had nothing for the first will rarely have
 * something a moment later. A permit that gets no lease becomes invalid, and its pool retires
 * the resource when idle.
 *
 * <p>Runs on the budget's recovery thread while the {@link GrantGate} is closed; it stops early
 * (returning false) when the connection drops again, leaving the rest to the next reconnection.
 */
final class LeaseRecovery {

    private static final Logger LOG = System.getLogger(LeaseRecovery.class.getName());

    static final long FIRST_WAIT_MILLIS = 500;

    private final CuratorFramework client;
    private final InterProcessSemaphoreV2 semaphore;
    private final LeasePaths paths;
    private final Set<FleetPermit> held;
    private final LeaseReturn leaseReturn;

    LeaseRecovery(CuratorFramework client, InterProcessSemaphoreV2 semaphore, LeasePaths paths,
            Set<FleetPermit> held, LeaseReturn leaseReturn) {
        this.client = client;
        this.semaphore = semaphore;
        this.paths = paths;
        this.held = held;
        this.leaseReturn = leaseReturn;
    }

    /**
     * @return the number of permits found uncovered and covered again
     * @throws Exception when ZooKeeper could not be reached; the caller retries while connected
     */
    int recover() throws Exception {
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        long wait = FIRST_WAIT_MILLIS;
        int recovered = 0;
        for (FleetPermit permit : held) {
            Lease lease = permit.lease();
            if (lease == null) {
                continue;
            }
            String path = paths.of(lease);
            Stat stat = client.checkExists().forPath(path);
            if (stat != null && stat.getEphemeralOwner() == session) {
                continue;
            }
            if (stat != null) {
                leaseReturn.deleteNow(path);
            }
            Lease fresh = semaphore.acquire(wait, TimeUnit.MILLISECONDS);
            wait = 0;
            if (fresh == null) {
                permit.invalidate();
                LOG.log(Level.WARNING, () -> "Fleet budget " + paths.parent() + ": " + permit
                        + " lost its lease with an expired session and none is free: its resource will be retired");
                continue;
            }
            leaseReturn.deleteInBackground(permit.cover(fresh));
            recovered++;
        }
        return recovered;
    }
}
