// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolListener;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Tells a pool's listeners what happened to it. A listener that throws is logged and skipped:
 * it never breaks the pool operation that notified it, nor the other listeners, and it stays
 * registered.
 *
 * <p>The listeners are an array replaced, never changed, by {@link #add} and by closing a
 * registration (copy-on-write with a CAS, so neither takes a lock an acquirer could meet); a
 * notification walks the array it read, without allocating. Registrations are removed by
 * identity, so a listener added twice is called twice until both registrations close.
 */
final class PoolEvents {

    private static final System.Logger LOG = System.getLogger(PoolEvents.class.getName());
    private static final PoolListener[] NONE = new PoolListener[0];
    /** The registration of a listener added to a closed pool: there is nothing to remove. */
    static final PoolListener.Registration INERT = () -> { };

    private final String poolName;
    private final AtomicReference<PoolListener[]> listeners;

    PoolEvents(String poolName, List<PoolListener> listeners) {
        this.poolName = poolName;
        this.listeners = new AtomicReference<>(listeners.toArray(NONE));
    }

    /**
     * Adds a listener; it hears every event from now until the registration closes.
     *
     * @return the registration that removes this very entry
     */
    PoolListener.Registration add(PoolListener listener) {
        listeners.updateAndGet(old -> {
            PoolListener[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = listener;
            return grown;
        });
        return new Entry(listener);
    }

    /** Stops every listener hearing of this pool: a closed pool tells nobody anything more. */
    void clear() {
        listeners.set(NONE);
    }

    private void remove(PoolListener listener) {
        listeners.updateAndGet(old -> {
            for (int i = old.length - 1; i >= 0; i--) {
                if (old[i] == listener) {
                    PoolListener[] shrunk = new PoolListener[old.length - 1];
                    System.arraycopy(old, 0, shrunk, 0, i);
                    System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                    return shrunk;
                }
            }
            return old;
        });
    }

    /** One added listener's registration: removes it once, however often it is closed. */
    private final class Entry implements PoolListener.Registration {
        private final PoolListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Entry(PoolListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                remove(listener);
            }
        }

        @Override
        public String toString() {
            return "Registration[" + poolName + ", " + listener + (closed.get() ? ", closed" : "") + "]";
        }
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
        for (PoolListener l : listeners.get()) {
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
        for (PoolListener l : listeners.get()) {
            try {
                event.accept(l);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': listener " + l + " failed", e);
            }
        }
    }
}
