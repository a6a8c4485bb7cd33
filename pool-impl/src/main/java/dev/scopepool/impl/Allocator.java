// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.ResourceCreationException;
import dev.scopepool.impl.jfr.ResourceCreateEvent;
import dev.scopepool.spi.CreationPermits.Permit;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings resources into the pool: reserves capacity, creates resources (for a waiter, for
 * {@link #fillToMinAndWait()}, or in the background toward {@code min}), and decides what each
 * creation's outcome does. The {@link SlotBag} only lends what this class put into it; the
 * {@link Reclaimer} it owns takes resources back and retires them, and asks this class only to
 * {@link #refill()} after a retirement.
 *
 * <p>How a creation runs. A caller first reserves room in {@link Capacity} (which keeps
 * {@code total + creating <= max}), then describes the creation as a {@link Creation} (whose
 * waiter gets the resource, whose initialize hears of a failure) and hands it to the
 * {@link CreationLine}, which runs at most {@code maxConcurrentCreates} at once and gives up a
 * {@code create} call at {@code createTimeout}; this class decides, through
 * {@link CreationLine.Outcomes}, whether a queued creation is still needed when its turn
 * comes and what each outcome does. The fill toward {@code min} reserves one creation at a
 * time, only when a creation place is free, so it follows every resize at once. A failed
 * background creation pauses the fill for a {@link Backoff} (50 ms doubling to 5 s, reset by
 * any success) rather than retrying in a hot loop. Every creation's outcome goes to the
 * {@link Outage}: while it says the pool is down, nothing starts a creation here but its
 * probe, and the success that brings the pool up refills it, through the same line.
 *
 * <p>A created resource enters as a new slot and goes to the waiter it was made for, else
 * through {@link Reclaimer#recycle} like any returning resource; one that a given-up
 * {@code create} returns late goes straight out through {@link Reclaimer#destroyAbandoned}.
 */
final class Allocator<T> implements CreationLine.Outcomes<T> {

    private static final System.Logger LOG = System.getLogger(Allocator.class.getName());

    private final String poolName;
    private final RunState<T> runState;
    private final SlotBag<T> bag;
    private final PoolMetrics metrics;
    private final PoolThreads threads;
    private final PoolEvents events;
    private final CreationGate gate;
    private final LifecyclePolicy policy;
    private final Capacity capacity = new Capacity();
    private final Reclaimer<T> reclaimer;
    private final CreationLine<T> line;
    private final Outage outage;
    private final Backoff refillBackoff = new Backoff();
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    /**
     * Signalled at the end of every creation; {@link #awaitBackgroundFill} waits on it. A lock,
     * not a monitor: initialize() may run on a virtual thread, which on JDK 21 to 23 pins its
     * carrier while it waits in a monitor.
     */
    private final ReentrantLock creationLock = new ReentrantLock();
    private final Condition creationEnded = creationLock.newCondition();

    /** Whether the pool has been used, and so keeps {@code min} from now on (NEW to STARTED). */
    private volatile boolean started;
    /** Set while the fill toward min waits out a backoff after a failed background creation. */
    private volatile boolean fillBackingOff;

    Allocator(String poolName, RunState<T> runState, SlotBag<T> bag, PoolMetrics metrics, PoolThreads threads,
            PoolEvents events, LifecyclePolicy policy) {
        this.poolName = poolName;
        this.policy = policy;
        this.runState = runState;
        this.bag = bag;
        this.metrics = metrics;
        this.threads = threads;
        this.events = events;
        this.gate = new CreationGate(runState.config().creationPermits());
        this.reclaimer = new Reclaimer<>(poolName, runState, bag, capacity, metrics, threads, policy, this::refill);
        this.line = new CreationLine<>(poolName, runState, threads);
        line.bind(this);
        this.outage = new Outage(poolName, runState.config().failFastAfter(), events, bag::failAll,
                threads.housekeeper, this::probe);
    }

    /** @return where resources go back, and out */
    Reclaimer<T> reclaimer() {
        return reclaimer;
    }

    /** @return whether the backend is down, and what to refuse acquirers with meanwhile */
    Outage outage() {
        return outage;
    }

    // ---------------------------------------------------------------- capacity

    /** The pool's first use: from now on it keeps {@code min} resources. */
    void markStarted() {
        started = true;
    }

    /** @return whether nothing more may be created now */
    boolean atMax() {
        return capacity.liveAndCreating() >= runState.config().max();
    }

    /** @return the pool's capacity, for consistent snapshots */
    Capacity capacity() {
        return capacity;
    }

    // ---------------------------------------------------------------- starting creations

    /**
     * For an acquire that does not wait: starts one creation below max, so that a later
     * acquire finds a resource, then the min fill.
     */
    void createSpare() {
        // At most one spare per creation place: acquires that do not wait, however many, must
        // not queue a creation each.
        if (!bag.isSuspended() && !outage.isDown() && capacity.snapshot().creating() < runState.config().maxConcurrentCreates()
                && capacity.tryReserve(runState.config().max())) {
            started = true;
            line.submit(Creation.spare());
        }
        fillToMin();
    }

    /** Starts what the pool lacks: creations for waiters that have none, then the min fill. */
    void refill() {
        createForWaiters();
        fillToMin();
    }

    /** Starts creations for waiters that have none, oldest first, as far as max allows. */
    void createForWaiters() {
        if (runState.isClosed() || bag.isSuspended() || bag.waiters().isEmpty() || outage.isDown() || atMax()) {
            return;
        }
        int max = runState.config().max();
        for (Waiter<T> w : bag.waiters().claimCreations(() -> capacity.tryReserve(max))) {
            line.submit(Creation.forWaiter(w));
        }
    }

    /**
     * Creates in the background until {@code min} resources are live or being created, one
     * creation at a time as creation places free up (see {@link #nextFill()}).
     */
    void fillToMin() {
        if (started && !runState.isClosed() && !outage.isDown()) {
            line.pump();
        }
    }

    /** After a resize or on close: cancels queued creations the pool no longer needs. */
    void pruneCreations() {
        line.prune();
    }

    /**
     * Creates up to {@code min} now and waits for those creations, and for creations already
     * under way that may still bring the pool to {@code min}.
     *
     * @throws dev.scopepool.PoolClosedException if the pool is or gets closed meanwhile
     * @throws ResourceCreationException the first failure among this call's creations, or,
     *         when the pool is down and below {@code min}, the refusal that says so
     */
    void fillToMinAndWait() throws InterruptedException {
        if (runState.isClosed()) {
            throw runState.closedException();
        }
        started = true;
        int min = runState.config().min();
        ResourceCreationException down = outage.refusal();
        if (down != null && capacity.liveAndCreating() < min) {
            throw down;
        }
        int reserved = 0;
        while (capacity.tryReserve(min)) {
            reserved++;
        }
        InitTicket ticket = new InitTicket(reserved, runState);
        for (int i = 0; i < reserved; i++) {
            line.submit(Creation.forInitialize(ticket));
        }
        ticket.await();
        awaitBackgroundFill(min);
        if (runState.isClosed()) {
            throw runState.closedException();
        }
    }

    /** Waits while creations already under way (a refill, another caller's) may still reach {@code min}. */
    private void awaitBackgroundFill(int min) throws InterruptedException {
        creationLock.lock();
        try {
            for (;;) {
                Capacity.Counts c = capacity.snapshot();
                if (runState.isClosed() || c.total() >= min || c.creating() == 0) {
                    return;
                }
                // Woken by every creation's end; the bound only re-checks close.
                creationEnded.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            creationLock.unlock();
        }
    }

    private void scheduleRefill() {
        if (!refillScheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = refillBackoff.next();
        fillBackingOff = true;
        try {
            threads.housekeeper.schedule(() -> {
                refillScheduled.set(false);
                fillBackingOff = false;
                fillToMin();
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            refillScheduled.set(false);
            fillBackingOff = false;
        }
    }

    // ---------------------------------------------------------------- creation outcomes

    @Override
    public boolean wanted(Creation<T> creation) {
        int max = runState.config().max();
        Capacity.Counts c = capacity.snapshot(); // this creation is one of c.creating()
        if (c.liveAndCreating() > max) {
            return false; // max shrank: no creation starts that would push total + creating past it
        }
        switch (creation.purpose) {
            case WAITER:
                return bag.waiters().waits(creation.owner);
            case INITIALIZE:
            case FILL:
                return c.liveAndCreating() <= runState.config().min();
            default:
                return true;
        }
    }

    @Override
    public Creation<T> nextFill() {
        if (!started || fillBackingOff || runState.isClosed() || outage.isDown() || !capacity.tryReserve(runState.config().min())) {
            return null;
        }
        return Creation.fill();
    }

    @Override
    public void cancelled(Creation<T> creation) {
        capacity.creationEnded();
        if (creation.owner != null) {
            bag.waiters().creationDropped(creation.owner);
            if (runState.isClosed()) {
                bag.fail(creation.owner, runState.closedException());
            }
        }
        if (creation.ticket != null) {
            creation.ticket.succeeded(); // not needed any more is not a failure of initialize()
        }
        signalCreationEnded();
        createForWaiters(); // the freed reservation may serve a waiter that found the pool at max
        if (creation.isProbe() && !runState.isClosed()) {
            outage.probeSkipped(); // a shrink made it needless: the pool is still down, probe later
        }
    }

    @Override
    public void created(Creation<T> creation, T resource) {
        creationEnded(creation, null);
        Slot<T> slot = new Slot<>(resource);
        slot.permit = creation.permit;
        policy.stampCreated(slot);
        bag.add(slot);
        capacity.created();
        metrics.created.increment();
        refillBackoff.reset();
        Waiter<T> owner = creation.owner;
        if (owner == null || runState.isClosed() || !bag.handTo(owner, slot)) {
            reclaimer.recycle(slot);
        }
        if (creation.ticket != null) {
            creation.ticket.succeeded(); // after recycle: initialize() returns with its resources idle
        }
        signalCreationEnded(); // an initialize() may be waiting for a background creation toward min
        if (creation.isProbe() ? outage.probeSucceeded() : outage.creationSucceeded()) {
            refill(); // back up: the fill toward min resumes, bounded by the creation line
        }
    }

    @Override
    public void failed(Creation<T> creation, Throwable e) {
        creation.permit.close();
        creationEnded(creation, e);
        capacity.creationEnded();
        metrics.createFailures.increment();
        if (!runState.isClosed()) {
            LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': create failed", e);
        }
        afterFailure(creation, e);
    }

    @Override
    public void gaveUp(Creation<T> creation, TimeoutException timeout) {
        creationEnded(creation, timeout); // the call may go on, but as a creation it failed now
        capacity.creationEnded();
        metrics.createFailures.increment();
        metrics.abandoned.increment();
        afterFailure(creation, timeout);
    }

    @Override
    public void returnedLate(Creation<T> creation, T resource) {
        metrics.created.increment(); // it exists, so it counts as created and, below, destroyed
        Slot<T> slot = new Slot<>(resource);
        slot.permit = creation.permit; // given back after the destroyer ran, like any resource's
        reclaimer.destroyAbandoned(slot);
    }

    @Override
    public void failedLate(Creation<T> creation) {
        creation.permit.close();
    }

    /**
     * Takes the creation's permit: a waiter's within its remaining timeout, any other within
     * {@code createTimeout}. Without one nothing is created: the reservation is given back, a
     * waiter keeps waiting for a released resource (its timeout will say why), an
     * {@code initialize()} fails, and a background fill retries later.
     */
    @Override
    public boolean admit(Creation<T> creation) {
        Waiter<T> owner = creation.owner;
        Permit permit;
        try {
            permit = gate.tryTake();
            if (permit == null) {
                if (owner != null) {
                    owner.budgetExhausted = true; // set before waiting: the waiter may time out first
                }
                permit = gate.await(owner != null ? owner.deadlineNanos - System.nanoTime()
                        : Nanos.of(runState.config().createTimeout()));
            }
        } catch (InterruptedException closing) {
            permit = null; // only close interrupts pool threads
        } catch (RuntimeException e) {
            failed(creation, e);
            return false;
        }
        if (permit != null) {
            creation.permit = permit;
            creation.event = ResourceCreateEvent.start();
            creation.startNanos = System.nanoTime();
            return true;
        }
        capacity.creationEnded();
        signalCreationEnded();
        if (creation.ticket != null) {
            creation.ticket.failed(new ResourceCreationException("Could not create a resource for pool '"
                    + poolName + "': no creation permit came within the create timeout (the fleet budget is exhausted)",
                    null));
        }
        if (creation.isBackground() && !runState.isClosed()) {
            scheduleRefill();
        }
        if (creation.isProbe() && !runState.isClosed()) {
            outage.probeSkipped(); // no permit is no news about the backend: probe again later
        }
        return false;
    }

    /** @return how many creations had to wait for a creation permit */
    long permitWaits() {
        return gate.waits.sum();
    }

    /** @return whether creations take permits from a shared budget */
    boolean hasBudget() {
        return gate.isLimited();
    }

    /** A creation ended, with a resource or not: the JFR event and the listeners' creation timer. */
    private void creationEnded(Creation<T> creation, Throwable failure) {
        if (creation.event != null) {
            creation.event.finish(poolName, failure);
            events.creationEnded(System.nanoTime() - creation.startNanos, failure);
        }
    }

    /** A creation ended without a resource: tell its owner, serve waiters, back off a failing fill. */
    private void afterFailure(Creation<T> creation, Throwable e) {
        signalCreationEnded();
        if (runState.isClosed()) {
            refused(creation, runState.closedException());
            return;
        }
        refused(creation, new ResourceCreationException(
                "Could not create a resource for pool '" + poolName + "': " + e, e));
        if (creation.isProbe()) {
            outage.probeFailed(e);
            return;
        }
        outage.creationFailed(e); // may take the pool down, which stops what follows
        if (creation.isBackground()) {
            scheduleRefill(); // a background creation failed: retry later, not in a hot loop
        }
        createForWaiters();
    }

    /**
     * The outage's probe: one creation while the pool is down, whose success brings it up.
     * At max (every resource live, none to make) there is nothing to probe with; it looks
     * again later.
     */
    private void probe() {
        if (runState.isClosed()) {
            return;
        }
        if (capacity.tryReserve(runState.config().max())) {
            line.submit(Creation.probe());
        } else {
            outage.probeSkipped();
        }
    }

    /** Tells whoever waits for a creation that it will not deliver. */
    private void refused(Creation<T> creation, RuntimeException failure) {
        if (creation.owner != null) {
            bag.fail(creation.owner, failure);
        }
        if (creation.ticket != null) {
            creation.ticket.failed(failure);
        }
    }

    private void signalCreationEnded() {
        creationLock.lock();
        try {
            creationEnded.signalAll();
        } finally {
            creationLock.unlock();
        }
        runState.outstandingEnded();
    }
}
