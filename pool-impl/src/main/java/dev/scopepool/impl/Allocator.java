package dev.scopepool.impl;

import dev.scopepool.ResourceCreationException;
import dev.scopepool.impl.jfr.ResourceCreateEvent;
import dev.scopepool.impl.jfr.ResourceRetireEvent;
import dev.scopepool.spi.CreationPermits.Permit;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns the pool's population: reserves capacity, creates resources (for a waiter, for
 * {@link #fillToMinAndWait()}, or in the background toward {@code min}), takes slots back,
 * and retires them. The {@link SlotBag} only lends what this class put into it.
 *
 * <p>How a creation runs. A caller first reserves room in {@link Capacity} (which keeps
 * {@code total + creating <= max}), then describes the creation as a {@link Creation} (whose
 * waiter gets the resource, whose initialize hears of a failure) and passes it to
 * {@link #launch}, the one place every creation goes through. A failed background refill
 * retries after a {@link Backoff} (50 ms doubling to 5 s, reset by any success) rather than in
 * a hot loop. Every creation's outcome goes to the {@link Outage}: while it says the pool is
 * down, nothing starts a creation here but its probe, and the probe's success refills.
 *
 * <p>How a resource leaves. Whoever wins a slot's move to REMOVED calls
 * {@link #retire(Slot, RetirementReason)}; every destruction ends in {@link #destroy}, which
 * counts it, calls the configured destroyer once, and starts what the reason calls for
 * (a refill, or waking close).
 */
final class Allocator<T> implements CheckedPool<T> {

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
    private final Outage outage;
    private final Backoff refillBackoff = new Backoff();
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    /** Notified at the end of every creation; {@link #awaitBackgroundFill} waits on it. */
    private final Object creationEnded = new Object();

    /** Whether the pool has been used, and so keeps {@code min} from now on (NEW to STARTED). */
    private volatile boolean started;

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

    /** @return total and creating, read together; see {@link Capacity#snapshot()} */
    long capacitySnapshot() {
        return capacity.snapshot();
    }

    // ---------------------------------------------------------------- starting creations

    /**
     * For an acquire that does not wait: starts one creation below max, so that a later
     * acquire finds a resource, then the min fill.
     */
    void createSpare() {
        if (!bag.isSuspended() && !outage.isDown() && capacity.tryReserve(runState.config().max())) {
            started = true;
            launch(Creation.background());
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
            launch(Creation.forWaiter(w));
        }
    }

    /** Creates in the background until {@code min} resources are live or being created. */
    void fillToMin() {
        if (!started || runState.isClosed() || outage.isDown()) {
            return;
        }
        int min = runState.config().min();
        // Re-checks close each time: a launch refused by closing threads gives its reservation
        // back, which would let this loop reserve it again for ever.
        while (!runState.isClosed() && capacity.tryReserve(min)) {
            launch(Creation.background());
        }
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
            launch(Creation.forInitialize(ticket));
        }
        ticket.await();
        awaitBackgroundFill(min);
        if (runState.isClosed()) {
            throw runState.closedException();
        }
    }

    /** Waits while creations already under way (a refill, another caller's) may still reach {@code min}. */
    private void awaitBackgroundFill(int min) throws InterruptedException {
        synchronized (creationEnded) {
            for (;;) {
                long c = capacity.snapshot();
                if (runState.isClosed() || Capacity.total(c) >= min || Capacity.creating(c) == 0) {
                    return;
                }
                creationEnded.wait(100); // woken by every creation's end; the bound only re-checks close
            }
        }
    }

    private void scheduleRefill() {
        if (!refillScheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = refillBackoff.next();
        try {
            threads.housekeeper.schedule(() -> {
                refillScheduled.set(false);
                fillToMin();
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            refillScheduled.set(false);
        }
    }

    // ---------------------------------------------------------------- running creations

    /**
     * Runs a creation whose capacity is already reserved. Every creation passes here, so this
     * is where a bound on concurrent creations would queue it (still counted in
     * {@code creating}), where a creation permit would be taken and a per-creation timeout
     * armed.
     */
    private void launch(Creation<T> creation) {
        try {
            threads.workers.execute(() -> create(creation));
        } catch (RejectedExecutionException closing) {
            capacity.creationFailed();
            refused(creation, runState.closedException());
        }
    }

    private void create(Creation<T> creation) {
        Permit permit = takePermit(creation);
        if (permit == null) {
            return;
        }
        T resource;
        ResourceCreateEvent event = ResourceCreateEvent.start();
        long start = System.nanoTime();
        try {
            resource = runState.config().create().create();
            if (resource == null) {
                throw new NullPointerException("create returned null");
            }
        } catch (Throwable e) {
            permit.close();
            creationEnded(event, start, e);
            creationFailed(creation, e);
            return;
        }
        creationEnded(event, start, null);
        Slot<T> slot = new Slot<>(resource);
        slot.permit = permit;
        policy.stampCreated(slot);
        bag.add(slot);
        capacity.created();
        metrics.created.increment();
        refillBackoff.reset();
        Waiter<T> owner = creation.owner();
        if (owner == null || runState.isClosed() || !bag.handTo(owner, slot)) {
            recycle(slot);
        }
        if (creation.ticket() != null) {
            creation.ticket().succeeded(); // after recycle: initialize() returns with its resources idle
        }
        signalCreationEnded(); // an initialize() may be waiting for a background creation toward min
        if (creation.isProbe() ? outage.probeSucceeded() : outage.creationSucceeded()) {
            refill(); // back up: the fill toward min resumes, through launch and its bounds
        }
    }

    /**
     * Takes the creation's permit: a waiter's within its remaining timeout, any other within
     * {@code createTimeout}. Without one nothing is created: the reservation is given back, a
     * waiter keeps waiting for a released resource (its timeout will say why), an
     * {@code initialize()} fails, and a background fill retries later.
     *
     * @return the permit, or null when the creation ended here
     */
    private Permit takePermit(Creation<T> creation) {
        Waiter<T> owner = creation.owner();
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
            creationFailed(creation, e);
            return null;
        }
        if (permit != null) {
            return permit;
        }
        capacity.creationFailed();
        signalCreationEnded();
        if (creation.ticket() != null) {
            creation.ticket().failed(new ResourceCreationException("Could not create a resource for pool '"
                    + poolName + "': no creation permit came within the create timeout (the fleet budget is exhausted)",
                    null));
        }
        if (creation.isBackground() && !runState.isClosed()) {
            scheduleRefill();
        }
        if (creation.isProbe() && !runState.isClosed()) {
            outage.probeSkipped(); // no permit is no news about the backend: probe again later
        }
        return null;
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

    private void creationEnded(ResourceCreateEvent event, long start, Throwable failure) {
        event.finish(poolName, failure);
        events.creationEnded(System.nanoTime() - start, failure);
    }

    private void creationFailed(Creation<T> creation, Throwable e) {
        capacity.creationFailed();
        metrics.createFailures.increment();
        signalCreationEnded();
        if (runState.isClosed()) {
            return;
        }
        LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': create failed", e);
        refused(creation, new ResourceCreationException(
                "Could not create a resource for pool '" + poolName + "': " + e, e));
        if (creation.isProbe()) {
            outage.probeFailed(e);
            return;
        }
        outage.creationFailed(e); // may take the pool down, which stops what follows
        createForWaiters();
        if (creation.isBackground()) {
            scheduleRefill(); // a background refill failed: retry later, not in a hot loop
        }
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
            launch(Creation.probe());
        } else {
            outage.probeSkipped();
        }
    }

    /** Tells whoever waits for a creation that it will not deliver. */
    private void refused(Creation<T> creation, RuntimeException failure) {
        if (creation.owner() != null) {
            bag.fail(creation.owner(), failure);
        }
        if (creation.ticket() != null) {
            creation.ticket().failed(failure);
        }
    }

    private void signalCreationEnded() {
        synchronized (creationEnded) {
            creationEnded.notifyAll();
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

    /**
     * One reserved creation: the waiter its resource is for, or the initialize() that waits for
     * it, or neither (a background fill toward {@code min}, or the probe of a pool that is down).
     */
    private record Creation<T>(Waiter<T> owner, InitTicket ticket, boolean isProbe) {

        static <T> Creation<T> forWaiter(Waiter<T> owner) {
            return new Creation<>(owner, null, false);
        }

        static <T> Creation<T> forInitialize(InitTicket ticket) {
            return new Creation<>(null, ticket, false);
        }

        static <T> Creation<T> background() {
            return new Creation<>(null, null, false);
        }

        static <T> Creation<T> probe() {
            return new Creation<>(null, null, true);
        }

        boolean isBackground() {
            return owner == null && ticket == null && !isProbe;
        }
    }

    /** Counts down the creations {@link #fillToMinAndWait()} waits for, and keeps the first failure. */
    private static final class InitTicket {
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final CountDownLatch pending;
        private final RunState<?> runState;

        InitTicket(int creations, RunState<?> runState) {
            this.pending = new CountDownLatch(creations);
            this.runState = runState;
        }

        void succeeded() {
            pending.countDown();
        }

        void failed(RuntimeException e) {
            failure.compareAndSet(null, e);
            pending.countDown();
        }

        /** Waits for every creation; checks for close now and then, as close does not count down. */
        void await() throws InterruptedException {
            while (!pending.await(50, TimeUnit.MILLISECONDS)) {
                if (runState.isClosed()) {
                    throw runState.closedException();
                }
            }
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }
}
