// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import dev.scopepool.spi.CreationPermits;
import java.util.function.BiConsumer;
import org.apache.curator.framework.recipes.locks.Lease;

/**
 * A permit backed by one ZooKeeper lease at a time: the lease it was granted with, or the one
 * that replaced it after the first vanished with an expired session.
 *
 * <p>States: valid and open, then either closed, or invalid (no lease could replace a vanished
 * one) and later closed. Never valid again once invalid. Thread-safe.
 */
final class FleetPermit implements CreationPermits.Permit {

    private final BiConsumer<FleetPermit, Lease> giveBack;
    private Lease lease;
    private volatile boolean valid = true;
    private boolean closed;

    FleetPermit(Lease lease, BiConsumer<FleetPermit, Lease> giveBack) {
        this.lease = lease;
        this.giveBack = giveBack;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    /** @return the lease that covers this permit now, or null once it is closed or invalid */
    synchronized Lease lease() {
        return lease;
    }

    /**
     * Replaces the lease that vanished.
     *
     * @return the lease the caller must give back: the replaced one, or {@code fresh} itself if
     *         the permit was closed meanwhile
     */
    synchronized Lease cover(Lease fresh) {
        if (closed) {
            return fresh;
        }
        Lease old = lease;
        lease = fresh;
        return old;
    }

    /** No lease could replace the vanished one: the permit no longer counts against the limit. */
    synchronized void invalidate() {
        valid = false;
        lease = null;
    }

    @Override
    public void close() {
        Lease held;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            valid = false;
            held = lease;
            lease = null;
        }
        giveBack.accept(this, held);
    }

    @Override
    public synchronized String toString() {
        return "FleetPermit[" + (closed ? "closed" : lease == null ? "invalid" : lease.getNodeName()) + "]";
    }
}
