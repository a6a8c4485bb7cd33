// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.utils.ZKPaths;

/**
 * Where {@code InterProcessSemaphoreV2} keeps its lease nodes: {@code <path>/leases/<node>}.
 * The budget needs the full path to check, after a reconnection, which session owns a lease,
 * and to delete leases without blocking; a test pins this layout against the Curator in use.
 */
final class LeasePaths {

    private final String leases;

    LeasePaths(String budgetPath) {
        this.leases = ZKPaths.makePath(budgetPath, "leases");
    }

    String of(Lease lease) {
        return ZKPaths.makePath(leases, lease.getNodeName());
    }

    String parent() {
        return leases;
    }
}
