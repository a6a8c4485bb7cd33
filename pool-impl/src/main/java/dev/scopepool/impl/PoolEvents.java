// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolListener;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells a pool's listeners what happened to it. A listener that throws is logged and skipped:
 * it never breaks the pool operation that notified it, nor the other listeners.
 */
final class PoolEvents {

    private static final System.Logger LOG = System.getLogger(PoolEvents.class.getName());

    private final String poolName;
    private final List<PoolListener> listeners;

    PoolEvents(String poolName, List<PoolListener> listeners) {
        this.poolName = poolName;
        this.listeners = new CopyOnWriteArrayList<>(listeners);
    }

    /** Adds a listener after construction (the JMX registration, which needs the pool first). */
    void add(PoolListener listener) {
        listeners.add(listener);
    }

    void healthCheckFailed(String message) {
        tell(l -> l.healthCheckFailed(poolName, message));
    }

    void acquireTimedOut(long timeoutMillis) {
        tell(l -> l.acquireTimedOut(poolName, timeoutMillis));
    }

    void resized(int min, int max) {
        tell(l -> l.resized(poolName, min, max));
    }

    /**
     * An acquire that had to wait stopped waiting. Called once per wait, off the fast path;
     * written without a lambda so that a wait allocates nothing here.
     */
    void acquireWaited(long waitNanos, boolean served) {
        for (PoolListener l : listeners) {
            try {
                l.acquireWaited(poolName, waitNanos, served);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': listener " + l + " failed", e);
            }
        }
    }

    void creationEnded(long durationNanos, Throwable failure) {
        tell(l -> l.creationEnded(poolName, durationNanos, failure));
    }

    void closed() {
        tell(l -> l.closed(poolName));
    }

    void down(Throwable cause) {
        tell(l -> l.down(poolName, cause));
    }

    void up() {
        tell(l -> l.up(poolName));
    }

    void rejected() {
        tell(l -> l.rejected(poolName));
    }

    private void tell(Consumer<PoolListener> event) {
        for (PoolListener l : listeners) {
            try {
                event.accept(l);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': listener " + l + " failed", e);
            }
        }
    }
}
