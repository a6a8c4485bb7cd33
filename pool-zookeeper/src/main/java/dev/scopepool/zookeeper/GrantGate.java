// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import java.util.concurrent.TimeUnit;

/**
 * Whether the budget may grant permits now: only while the client is connected and no
 * re-covering of held permits after a reconnection is under way.
 *
 * <p>Transitions, driven by Curator's connection states: {@code CONNECTED} opens;
 * {@code SUSPENDED}, {@code LOST} and {@code READ_ONLY} close; {@code RECONNECTED} starts a
 * recovery (still closed) that {@link #recovered()} ends (open). Admitting a granted permit and
 * starting a recovery are serialised on this object, so a recovery sees every permit admitted
 * before it began and none is admitted while it runs.
 */
final class GrantGate {

    private boolean connected;
    private boolean recovering;

    synchronized void connected() {
        connected = true;
        notifyAll();
    }

    synchronized void disconnected() {
        connected = false;
    }

    /** Reconnected: closed until {@link #recovered()}. */
    synchronized void reconnected() {
        connected = true;
        recovering = true;
    }

    synchronized void recovered() {
        recovering = false;
        notifyAll();
    }

    synchronized boolean isConnected() {
        return connected;
    }

    synchronized boolean isOpen() {
        return connected && !recovering;
    }

    /**
     * Waits until the gate is open.
     *
     * @return false if it was still closed after {@code nanos}
     */
    synchronized boolean awaitOpen(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!isOpen()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    /**
     * Runs {@code admit} if the gate is open, atomically with respect to recoveries starting.
     *
     * @return whether it ran
     */
    synchronized boolean admitIfOpen(Runnable admit) {
        if (!isOpen()) {
            return false;
        }
        admit.run();
        return true;
    }
}
