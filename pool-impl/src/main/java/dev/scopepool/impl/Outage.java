// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.ResourceCreationException;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Whether the pool's backend is down, as its creations tell: after {@code failFastAfter}
 * creations failed in a row the pool is <em>down</em>, until the next creation succeeds.
 *
 * <p>While down, acquirers that find no idle resource are refused at once with
 * {@link #refusal()} instead of waiting for creations that would fail too; no creation starts
 * but one <em>probe</em> at a time, scheduled on the housekeeper after a {@link Backoff}
 * (50 ms, doubling to 5 s after each failed probe). Going down fails the callers already
 * queued, who would otherwise wait out their timeouts. The first success, of a probe or of a
 * creation that was already running, brings the pool up; the {@link Allocator} then refills.
 *
 * <p>Transitions, with {@code failFastAfter} > 0 (zero turns all of this off):
 * <pre>
 *   UP   -> DOWN on the failFastAfter-th failed creation in a row: listeners hear down(cause),
 *               queued waiters fail, the first probe is scheduled
 *   DOWN -> DOWN on a failed creation: it becomes the cause refusals carry; a failed probe
 *               schedules the next one
 *   DOWN -> UP   on a successful creation: listeners hear up(), the backoff starts over
 * </pre>
 * Each transition happens once, under {@link #transitions}, and its listener call is made
 * there too, so listeners hear down and up strictly alternating, in the order they happened.
 * Only pool threads take that monitor (ending a creation, starting a probe), never an acquire
 * or a release, so a slow listener delays the next transition and nothing else.
 */
final class Outage {

    private static final System.Logger LOG = System.getLogger(Outage.class.getName());

    private final String poolName;
    private final int failFastAfter;
    private final PoolEvents events;
    private final Consumer<RuntimeException> failWaiters;
    private final ScheduledExecutorService housekeeper;
    private final Runnable probe;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final Backoff probeBackoff = new Backoff();
    private final Object transitions = new Object();

    /** The last creation failure while down; null while up. Written under {@link #transitions}. */
    private volatile Throwable downCause;
    /** Whether a probe is scheduled or running; guarded by {@link #transitions}, so one runs at a time. */
    private boolean probing;

    /**
     * @param failFastAfter failed creations in a row that take the pool down; 0: never
     * @param failWaiters fails every queued waiter with the given exception
     * @param probe starts one probe creation (or, when it cannot, calls {@link #probeSkipped()})
     */
    Outage(String poolName, int failFastAfter, PoolEvents events, Consumer<RuntimeException> failWaiters,
            ScheduledExecutorService housekeeper, Runnable probe) {
        this.poolName = poolName;
        this.failFastAfter = failFastAfter;
        this.events = events;
        this.failWaiters = failWaiters;
        this.housekeeper = housekeeper;
        this.probe = probe;
    }

    /** @return whether the pool is down: no creation starts but the probe */
    boolean isDown() {
        return downCause != null;
    }

    /**
     * @return the exception to refuse an acquirer with while the pool is down (a new one for
     *         each caller, carrying the last creation failure as its cause), or null when up
     */
    ResourceCreationException refusal() {
        Throwable cause = downCause;
        return cause == null ? null : refusal(cause);
    }

    private ResourceCreationException refusal(Throwable cause) {
        return new ResourceCreationException("pool '" + poolName + "' is down: " + cause + " (after "
                + failFastAfter + " failed creations in a row; retrying in the background)", cause);
    }

    /**
     * A creation other than the probe produced a resource.
     *
     * @return whether it brought the pool up, so that the caller refills it
     */
    boolean creationSucceeded() {
        if (failFastAfter == 0) {
            return false;
        }
        if (failuresInARow.get() != 0) {
            failuresInARow.set(0);
        }
        return downCause != null && comeUp(false);
    }

    /**
     * The probe produced a resource: the probes stop.
     *
     * @return whether it brought the pool up, so that the caller refills it
     */
    boolean probeSucceeded() {
        failuresInARow.set(0);
        return comeUp(true);
    }

    /** A creation other than the probe failed with {@code cause}. */
    void creationFailed(Throwable cause) {
        if (failFastAfter == 0) {
            return;
        }
        int inARow = failuresInARow.incrementAndGet();
        if (downCause == null && inARow < failFastAfter) {
            return;
        }
        boolean firstProbe;
        synchronized (transitions) {
            boolean wasDown = downCause != null;
            downCause = cause;
            if (wasDown) {
                return;
            }
            LOG.log(Level.WARNING, () -> "Pool '" + poolName + "' is down after " + inARow
                    + " failed creations in a row; acquirers without an idle resource now fail at once", cause);
            events.down(cause);
            firstProbe = !probing;
            probing = true;
        }
        failWaiters.accept(refusal(cause));
        if (firstProbe) {
            scheduleProbe();
        }
    }

    /** The probe failed with {@code cause}: counts like any failure, and the next probe follows. */
    void probeFailed(Throwable cause) {
        failuresInARow.incrementAndGet();
        keepCause(cause);
        scheduleProbe();
    }

    /** The probe could not start (the pool is at max): looks again after the next delay. */
    void probeSkipped() {
        scheduleProbe();
    }

    /** DOWN to UP, if still down; ends the probes when {@code probeEnds}, else leaves them to notice. */
    private boolean comeUp(boolean probeEnds) {
        synchronized (transitions) {
            if (probeEnds) {
                probing = false;
            }
            if (downCause == null) {
                return false;
            }
            downCause = null;
            probeBackoff.reset();
            LOG.log(Level.INFO, () -> "Pool '" + poolName + "' is up again: a creation succeeded");
            events.up();
            return true;
        }
    }

    /** Records the latest failure as what refusals carry, unless the pool came up meanwhile. */
    private void keepCause(Throwable cause) {
        synchronized (transitions) {
            if (downCause != null) {
                downCause = cause;
            }
        }
    }

    private void scheduleProbe() {
        long delay = probeBackoff.next();
        try {
            housekeeper.schedule(this::probeIfDown, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // The pool is closing: nothing is created any more, so nothing to probe.
        }
    }

    /** A scheduled probe: runs while down; once up, the probes stop here. */
    private void probeIfDown() {
        synchronized (transitions) {
            if (downCause == null) {
                probing = false;
                return;
            }
        }
        probe.run();
    }
}
