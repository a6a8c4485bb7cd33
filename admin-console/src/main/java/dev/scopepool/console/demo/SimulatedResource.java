// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the demo's fake resources share: an id, a {@link DemoBehaviour} that decides how slow
 * and how unreliable they are, and a broken/closed state that health checks report.
 *
 * <p>Thread-safe: the pool lends a resource to one thread at a time, but health checks and
 * close may come from pool threads, so state is volatile.
 */
public abstract class SimulatedResource implements AutoCloseable {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final DemoBehaviour behaviour;
    private volatile boolean broken;
    private volatile boolean closed;

    /**
     * Simulates opening the resource: takes the behaviour's latency and fails at its rate.
     *
     * @param behaviour the pool's knobs
     * @throws InterruptedException if interrupted while opening
     * @throws SimulatedFailureException if the behaviour says opening fails
     */
    protected SimulatedResource(DemoBehaviour behaviour) throws InterruptedException {
        this.behaviour = behaviour;
        behaviour.simulateLatency();
        if (behaviour.drawFailure()) {
            throw new SimulatedFailureException(kind() + " could not be opened (simulated)");
        }
    }

    /** @return a unique number for this resource within the JVM */
    public long id() {
        return id;
    }

    /**
     * Simulates one operation: takes the behaviour's latency and fails at its rate, after
     * which the resource stays broken, as a real connection would after a protocol error.
     *
     * @param what the operation, for the failure message
     * @throws InterruptedException if interrupted while working
     * @throws SimulatedFailureException if the operation fails
     * @throws IllegalStateException if the resource is closed
     */
    protected final void perform(String what) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        behaviour.simulateLatency();
        if (broken || behaviour.drawFailure()) {
            broken = true;
            throw new SimulatedFailureException(what + " failed on " + this + " (simulated)");
        }
    }

    /**
     * The pool's health check: a broken or closed resource is unhealthy, and a healthy one
     * fails the check at the behaviour's failure rate (and stays broken).
     *
     * @return whether the resource can still be used
     */
    public boolean isHealthy() {
        if (!closed && !broken && behaviour.drawFailure()) {
            broken = true;
        }
        return !closed && !broken;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** @return what kind of resource this is, for messages */
    protected abstract String kind();

    @Override
    public String toString() {
        return kind() + "#" + id;
    }
}
