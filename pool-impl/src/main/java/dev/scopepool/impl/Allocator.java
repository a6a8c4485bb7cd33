// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.ResourceCreationException;
import dev.scopepool.impl.jfr.ResourceCreateEvent;
import dev.scopepool.impl.jfr.ResourceRetireEvent;
import dev.scopepool.spi.CreationPermits.Permit;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Owns the pool's population: reserves capacity, creates resources (for a waiter, for
 * {@link #fillToMinAndWait()}, or in the background toward {@code min}), takes slots back,
 * and retires them. The {@link SlotBag} only lends what this class put into it.
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
 * <p>How a resource leaves. Whoever wins a slot's move to REMOVED calls
 * {@link #retire(Slot, RetirementReason)}; every destruction ends in {@link #destroy}, which
 * counts it, calls the configured destroyer once, and starts what the reason calls for
 * (a refill, or waking close).
 */
final class Allocator<T> implements CheckedPool<T>, CreationLine.Outcomes<T> {

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
        this.line = new CreationLine<>(poolName, runState, threads);
        line.bind(this);
        this.outage = new Outage(poolName, runState.config().failFastAfter(), events, bag::failAll,
                threads.housekeeper, this::probe);
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

    /** @return whether the pool holds no more than max (a returning resource may stay) */
    boolean withinMax() {
        return capacity.liveAndCreating() <= runState.config().max();
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
            recycle(slot);
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
        destroyAbandoned(slot);
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
                        : EnginePool.nanos(runState.config().createTimeout()));
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

    /**
     * Retires idle resources whose permit the budget no longer covers (it lost them with a
     * session): they leave as soon as they are idle, and none is created to replace them
     * without a new permit.
     */
    void retireUncovered() {
        for (Slot<T> s : bag.slots()) {
            if (s.state() == Slot.IDLE && !s.permit.isValid() && s.cas(Slot.IDLE, Slot.REMOVED)) {
                retire(s, RetirementReason.SURPLUS);
            }
        }
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

    // ---------------------------------------------------------------- taking back, retiring

    @Override
    public Slot<T>[] slots() {
        return bag.slots();
    }

    @Override
    public boolean isClosed() {
        return runState.isClosed();
    }

    /**
     * Takes back a RESERVED slot the caller owns: destroys it when the pool is closed or over
     * max, retires it when a lifecycle policy says it is due, else hands it to the oldest
     * waiter or makes it idle.
     */
    @Override
    public void recycle(Slot<T> slot) {
        if (runState.isClosed()) {
            if (slot.markRemoved()) {
                retire(slot, RetirementReason.CLOSED);
            }
            return;
        }
        if (capacity.removeIfOver(runState.config().max())) {
            if (slot.markRemoved()) {
                destroy(slot, RetirementReason.SURPLUS); // capacity already removed, in the same step as the check
            }
            return;
        }
        RetirementReason due = policy.dueOnReturn(slot);
        if (due != null) {
            if (slot.markRemoved()) {
                retireOnWorker(slot, due); // the caller may be an acquirer giving back what it was handed
            }
            return;
        }
        bag.handOffOrIdle(slot);
        sweepIfClosed(slot);
    }

    /** close() may have swept idle slots before this one became idle: sweep it here then. */
    void sweepIfClosed(Slot<T> slot) {
        if (runState.isClosed() && slot.cas(Slot.IDLE, Slot.REMOVED)) {
            retire(slot, RetirementReason.CLOSED);
        }
    }

    @Override
    public void retireUnhealthy(Slot<T> slot) {
        if (slot.markRemoved()) {
            retire(slot, RetirementReason.UNHEALTHY);
        }
    }

    @Override
    public void abandon(Slot<T> slot) {
        capacity.remove();
        bag.remove(slot);
        metrics.abandoned.increment();
        if (runState.isClosed()) {
            runState.outstandingEnded();
        } else {
            refill();
        }
    }

    @Override
    public void destroyAbandoned(Slot<T> slot) {
        if (slot.markRemoved()) {
            destroy(slot, RetirementReason.ABANDONED);
        }
    }

    /**
     * Retires every slot idle now.
     *
     * @return how many it retired
     */
    int retireIdle(RetirementReason reason) {
        int retired = 0;
        for (Slot<T> s : bag.slots()) {
            if (s.state() == Slot.IDLE && s.cas(Slot.IDLE, Slot.REMOVED)) {
                retire(s, reason);
                retired++;
            }
        }
        return retired;
    }

    /** After a shrink: takes idle slots back, oldest first, until the pool holds no more than max. */
    void retireIdleSurplus(int max) {
        for (Slot<T> s : bag.slots()) {
            if (capacity.liveAndCreating() <= max) {
                return;
            }
            if (s.state() == Slot.IDLE && s.cas(Slot.IDLE, Slot.RESERVED)) {
                recycle(s);
            }
        }
    }

    /**
     * Retires a RESERVED slot the caller owns if the pool holds more than {@code min};
     * otherwise gives it back.
     *
     * @return whether it retired it (false: the pool is down to min)
     */
    boolean retireAboveMin(Slot<T> slot, RetirementReason reason) {
        if (!capacity.removeIfLiveAbove(runState.config().min())) {
            recycle(slot);
            return false;
        }
        if (slot.markRemoved()) {
            destroy(slot, reason); // capacity already removed, in the same step as the check
        }
        return true;
    }

    /**
     * Retires, on a worker, a slot the caller moved to REMOVED: for callers that are acquirers,
     * whose timeout a slow destroyer must not eat into.
     */
    void retireOnWorker(Slot<T> slot, RetirementReason reason) {
        try {
            threads.workers.execute(() -> retire(slot, reason));
        } catch (RejectedExecutionException closing) {
            retire(slot, reason);
        }
    }

    /** Takes a slot out of capacity and destroys it; the caller won its move to REMOVED. */
    void retire(Slot<T> slot, RetirementReason reason) {
        capacity.remove();
        destroy(slot, reason);
    }

    /**
     * Every destruction ends here, once per resource: counts it, calls the destroyer (whose
     * failure is logged and counted, never thrown), then refills or wakes close.
     */
    private void destroy(Slot<T> slot, RetirementReason reason) {
        bag.remove(slot);
        metrics.recordRetirement(slot, reason);
        ResourceRetireEvent.emit(poolName, reason.externalName());
        try {
            runState.config().destroy().destroy(slot.resource);
        } catch (Throwable e) {
            metrics.destroyFailures.increment();
            LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': destroy failed for "
                    + Slot.describe(slot.resource) + " (retired: " + reason + ")", e);
        } finally {
            metrics.destroyed.increment();
            slot.permit.close(); // after the destroyer: the budget counts what the backend holds
        }
        if (runState.isClosed()) {
            runState.outstandingEnded();
        } else if (refillsAfter(reason)) {
            refill();
        }
    }

    /**
     * Surplus leaves a pool over max, with nothing to create; eviction refills once, after its
     * sweep, not after each slot; a closed pool creates nothing. Every other reason makes room
     * that waiters and {@code min} may need.
     */
    private static boolean refillsAfter(RetirementReason reason) {
        switch (reason) {
            case SURPLUS:
            case EVICTED:
            case CLOSED:
                return false;
            default:
                return true;
        }
    }
}
