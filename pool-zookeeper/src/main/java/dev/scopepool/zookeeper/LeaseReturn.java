// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.zookeeper.KeeperException;

/**
 * Deletes lease nodes. Returning a permit must not block the pool thread that destroys a
 * resource, even during an outage, so it uses Curator's guaranteed background delete, which
 * keeps retrying until the node is gone; if the session expires first, the node goes with it.
 */
final class LeaseReturn {

    private static final Logger LOG = System.getLogger(LeaseReturn.class.getName());

    private final CuratorFramework client;
    private final LeasePaths paths;

    LeaseReturn(CuratorFramework client, LeasePaths paths) {
        this.client = client;
        this.paths = paths;
    }

    /** Deletes the lease's node in the background; nothing when {@code lease} is null. Never throws. */
    void deleteInBackground(Lease lease) {
        if (lease == null) {
            return;
        }
        String path = paths.of(lease);
        try {
            client.delete().guaranteed().inBackground().forPath(path);
        } catch (Exception e) {
            // Only a closed client refuses: its session, and so the ephemeral lease, is gone.
            LOG.log(Level.DEBUG, () -> "could not schedule the delete of lease " + path, e);
        }
    }

    /** Deletes a stale lease node now; a node already gone is fine. */
    void deleteNow(String path) throws Exception {
        try {
            client.delete().forPath(path);
        } catch (KeeperException.NoNodeException gone) {
            // The server expired its session meanwhile.
        }
    }
}
