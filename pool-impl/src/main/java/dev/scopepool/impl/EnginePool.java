// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.HealthCheck;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool: acquire, release and close around the {@link SlotBag} fast path. Waiting belongs
 * to {@link WaitingAcquirers}, creation to the {@link Allocator}, taking back and retiring to
 * its {@link Reclaimer}, health checks to the {@link HealthChecker}, the lifecycle policies to
 * {@link LifecyclePolicy}, the {@link LoanScreen} (what may be lent) and the
 * {@link LifecycleSweep} (the periodic part), the steps of close to {@link Shutdown}, listener
 * calls to {@link PoolEvents}, counters and snapshots to {@link PoolMetrics}; the operations
 * derived from acquire and release to {@link AbstractResourcePool}.
 *
 * <p>Implementation notes, the invariants every method keeps:
 * <ul>
 *   <li>{@code total + creating <= max}: a creation starts only after {@link Capacity}
 *       reserved room for it; after a shrink, surplus is retired (on release, or now if idle)
 *       before anything new is created.</li>
 *   <li>A slot is in exactly one state (see {@link Slot}); only the thread that moved it into
 *       RESERVED or BORROWED moves it on.</li>
 *   <li>Each resource is destroyed exactly once: by whoever won its slot's move to REMOVED,
 *       always through {@link Reclaimer#retire}, with a {@link RetirementReason}.</li>
 *   <li>{@code total} drops when a resource is retired, before its destroyer runs; refills
 *       start after the destroyer returned.</li>
 *   <li>A creation started for a waiter fails only that waiter; its resource goes to that
 *       waiter if it still waits, else through {@link Reclaimer#recycle}.</li>
 * </ul>
 *
 * <p>The release path, top to bottom: {@link #release} finds the slot ({@link #borrowedSlot});
 * {@link #giveBack} retires it at once if a lifecycle policy says it is due (so a waiter never
 * gets it), else makes it IDLE with one CAS when the pool is open, within max and nobody waits;
 * otherwise it moves the slot to RESERVED and hands it to {@link Reclaimer#recycle}, which
 * says where it goes from there (see that class).
 *
 * <p>Lifecycle, as transitions:
 * <pre>
 *   NEW     -> STARTED   on the first acquire, initialize() or resize(): the pool keeps min from then on
 *   RUNNING -> SUSPENDED on suspend(): nothing is lent, acquirers wait (their timeout still applies)
 *   SUSPENDED -> RUNNING on resume(): waiters are served oldest first
 *   any     -> CLOSED    on close() or cancel(reason), once: waiters fail, idle resources are
 *                        destroyed, borrowed ones when they come back or after shutdownTimeout
 *   UP      -> DOWN      after failFastAfter failed creations in a row: waiters fail, acquirers
 *                        without an idle resource are refused at once, one probe retries
 *   DOWN    -> UP        on the next successful creation: the pool refills
 * </pre>
 * STARTED is kept by the {@link Allocator}, SUSPENDED by the {@link SlotBag}, DOWN by the
 * {@link Outage}; all are orthogonal to CLOSED, which is final. The lock {@link #lifecycle}
 * guards the move to CLOSED, the replacement of {@link #config} by resize and the adding of
 * listeners (so none races close). A lock, not a monitor: a virtual thread may close the pool,
 * and on JDK 21 to 23 a virtual thread blocked on a monitor pins its carrier.
 */
final class EnginePool<T> extends AbstractResourcePool<T> implements RunState<T>, WaitingAcquirers.Lender<T> {

    private static final System.Logger LOG = System.getLogger(EnginePool.class.getName());
    /** How soon an idle resource whose creation permit was lost with a budget session is retired. */
    private static final long UNCOVERED_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final String name;
    private final long acquireTimeoutNanos;
    private final boolean recordBorrowSites;
    private final SlotBag<T> bag;
    private final PoolMetrics metrics = new PoolMetrics();
    private final PoolThreads threads;
    private final PoolEvents events;
    private final Allocator<T> allocator;
    private final Reclaimer<T> reclaimer;
    /** The allocator's counts, held here too: the release fast path reads them without a detour. */
    private final Capacity capacity;
    private final WaitingAcquirers<T> waiting;
    private final HealthChecker<T> healthChecker;
    private final LifecyclePolicy policies;
    /** Null when no policy screens loans: acquire then lends whatever it claims. */
    private final LoanScreen<T> screen;
    private final boolean screensReturns;
    private final Shutdown<T> shutdown;
    private final ReentrantLock lifecycle = new ReentrantLock();

    private volatile PoolConfig<T> config;
    private volatile boolean closed;
    private volatile Throwable cancelReason;

    /** @param config a validated configuration that carries the pool's final name */
    EnginePool(PoolConfig<T> config) {
        this.name = Objects.requireNonNull(config.name(), "pool name");
        this.config = config;
        this.acquireTimeoutNanos = Nanos.of(config.acquireTimeout());
        this.recordBorrowSites = !config.leakDetectionThreshold().isZero();
        this.threads = new PoolThreads(name, config.maxConcurrentCreates());
        this.bag = new SlotBag<>(this::deliverAsync);
        this.events = new PoolEvents(name, config.listeners());
        this.policies = new LifecyclePolicy(config);
        this.screensReturns = policies.screensReturns();
        this.allocator = new Allocator<>(name, this, bag, metrics, threads, events, policies);
        this.reclaimer = allocator.reclaimer();
        this.capacity = allocator.capacity();
        this.waiting = new WaitingAcquirers<>(name, this, bag, allocator, metrics, threads, events, this, this::stats);
        HealthCheck<T> check = config.healthCheck();
        this.healthChecker = check == null ? null : new HealthChecker<>(name, reclaimer, check,
                Nanos.of(config.healthCheckTimeout()), threads, metrics, events);
        this.shutdown = new Shutdown<>(name, this, bag, allocator, metrics, threads, events);
        this.screen = policies.screensLoans() ? new LoanScreen<>(policies, reclaimer, bag, healthChecker) : null;
    }

    /** Schedules periodic health checks and leak detection; called once the pool is fully registered. */
    void scheduleHousekeeping() {
        PoolConfig<T> c = config;
        if (healthChecker != null) {
            healthChecker.schedulePeriodicChecks(Nanos.of(c.healthCheckInterval()));
        }
        if (allocator.hasBudget()) {
            threads.housekeeper.scheduleWithFixedDelay(reclaimer::retireUncovered, UNCOVERED_SWEEP_NANOS,
                    UNCOVERED_SWEEP_NANOS, TimeUnit.NANOSECONDS);
        }
        if (policies.sweepPeriodNanos() > 0) {
            PeriodicWorkerRun.schedule(new LifecycleSweep<>(policies, reclaimer, bag, this),
                    policies.sweepPeriodNanos(), threads);
        }
        if (recordBorrowSites) {
            LeakDetector leaks = new LeakDetector(name, bag, Nanos.of(c.leakDetectionThreshold()));
            threads.housekeeper.scheduleAtFixedRate(leaks::scan, leaks.periodNanos(), leaks.periodNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public PoolListener.Registration addListener(PoolListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        lifecycle.lock(); // against close: a listener added to a closed pool is never called
        try {
            return closed ? PoolEvents.INERT : events.add(listener);
        } finally {
            lifecycle.unlock();
        }
    }

    // ---------------------------------------------------------------- acquire

    @Override
    public String name() {
        return name;
    }

    @Override
    public T acquire() throws InterruptedException {
        return acquireNanos(acquireTimeoutNanos); // skips the Duration conversion on the hot path
    }

    @Override
    public T acquire(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
        }
        return acquireNanos(Nanos.of(timeout));
    }

    private T acquireNanos(long timeoutNanos) throws InterruptedException {
        return borrow(timeoutNanos).resource;
    }

    /** For execute and lease: their release then needs no lookup. */
    @Override
    Slot<T> acquireSlot() throws InterruptedException {
        return borrow(acquireTimeoutNanos);
    }

    /** @return the slot lent to the caller, claimed at once or waited for */
    private Slot<T> borrow(long timeoutNanos) throws InterruptedException {
        // On a closed pool, lend() refuses whatever this finds.
        Slot<T> slot = screen == null ? bag.claim() : screen.claimForLoan();
        if (slot != null && (screen == null || screen.fitNow(slot))) {
            lend(slot);
            return slot;
        }
        // Nothing idle, or a slot that must be screened knowing the deadline (the slow path does).
        T resource = waiting.acquire(timeoutNanos, slot);
        // After a wait the lookup costs nothing next to it. Its slot is gone only if close
        // destroyed the resource, past its shutdown timeout, the moment the loan began.
        Slot<T> lent = bag.find(resource);
        if (lent == null) {
            throw closedException();
        }
        return lent;
    }

    @Override
    public CompletableFuture<T> acquireAsync() {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(closedException());
            return future;
        }
        // Any idle slot; with a loan screen, one that may be lent at once (none when a check may be
        // due: the slow path, which knows the deadline, claims then).
        Slot<T> slot = screen == null ? bag.claim() : screen.mayWait() ? null : screen.claimWithoutWaiting();
        if (slot == null) {
            waiting.acquireAsync(future, acquireTimeoutNanos);
            return future;
        }
        try {
            future.complete(lend(slot));
        } catch (PoolClosedException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /** The bag's way to complete a served asynchronous waiter (the bag is built before {@link #waiting}). */
    private void deliverAsync(Waiter<T> waiter) {
        waiting.deliverAsync(waiter);
    }

    @Override
    public T lend(Slot<T> slot, long deadlineNanos) throws InterruptedException {
        if (screen != null && !closed && !screen.admits(slot, deadlineNanos)) {
            return null;
        }
        return lend(slot);
    }

    @Override
    public boolean defersClaims() {
        return screen != null && screen.mayWait();
    }

    /** Hands a slot the caller just won (claimed or was served) to its caller; also called by a race test. */
    T lend(Slot<T> slot) {
        if (closed) {
            // Lost a race with close: the pool no longer lends. The slot goes back to be
            // destroyed, unless close already forced it (a claimer preempted past the shutdown
            // timeout): then its resource is destroyed and must not reach the caller, and close
            // counted as invalidated a loan that never began.
            if (slot.cas(Slot.BORROWED, Slot.RESERVED)) {
                reclaimer.recycle(slot);
            } else {
                // Close counted this loan's slot with its last completed loan as the one out
                // (see PoolMetrics.recordRetirement): undo both halves.
                if (slot.lends >= 1) {
                    metrics.retiredReturns.increment();
                }
                metrics.invalidated.decrement();
            }
            throw closedException();
        }
        slot.startLoan(recordBorrowSites);
        return slot.resource;
    }

    // ---------------------------------------------------------------- release

    @Override
    public void release(T resource) {
        Slot<T> slot = borrowedSlot(resource, "release");
        if (slot == null) {
            return;
        }
        if (slot.state() != Slot.BORROWED) {
            if (closed) {
                return;
            }
            throw notBorrowed("release", resource);
        }
        giveBack(slot);
    }

    /** Releases what {@link #acquireSlot()} lent, skipping the resource-to-slot lookup of release. */
    @Override
    public void releaseSlot(Slot<T> slot) {
        if (slot.state() != Slot.BORROWED) {
            release(slot.resource); // not lent any more: fails (or not, after close) exactly as release does
            return;
        }
        giveBack(slot);
    }

    /** Gives back a slot found BORROWED: idle with one CAS when nobody waits, else to the oldest waiter. */
    private void giveBack(Slot<T> slot) {
        // Counted while the caller still owns the loan: once the slot is IDLE another thread
        // may take it, borrow it and release it, and would race on this plain field.
        slot.returns++;
        if (recordBorrowSites) {
            slot.borrowSite = null;
        }
        if (screensReturns && !closed && retiredOnReturn(slot)) {
            return;
        }
        // Only this pool's own fields, then one CAS; within max, as surplus after a shrink is retired.
        if (!closed && capacity.liveAndCreating() <= config.max() && bag.returnIdle(slot)) {
            if (closed) {
                reclaimer.sweepIfClosed(slot); // close may have swept idle slots before this one was idle
            }
            return;
        }
        if (!slot.cas(Slot.BORROWED, Slot.RESERVED)) {
            slot.returns--;
            if (closed) {
                return;
            }
            throw notBorrowed("release", slot.resource);
        }
        reclaimer.recycle(slot);
    }

    /**
     * Retires a returning slot if a lifecycle policy says so; it is then never handed to a
     * waiter, who gets a fresh resource from the refill instead.
     *
     * @return whether it retired the slot
     */
    private boolean retiredOnReturn(Slot<T> slot) {
        RetirementReason due = policies.dueOnReturn(slot);
        if (due == null) {
            return false;
        }
        if (!slot.cas(Slot.BORROWED, Slot.REMOVED)) {
            return false; // not borrowed after all: the usual path reports it
        }
        reclaimer.retire(slot, due);
        return true;
    }

    @Override
    public void invalidate(T resource) {
        Slot<T> slot = borrowedSlot(resource, "invalidate");
        if (slot == null) {
            return;
        }
        if (!slot.cas(Slot.BORROWED, Slot.REMOVED)) {
            if (closed) {
                return;
            }
            throw notBorrowed("invalidate", resource);
        }
        metrics.invalidated.increment();
        reclaimer.retire(slot, RetirementReason.INVALIDATED);
    }

    /** @return the resource's slot; null (after close only) when there is nothing to do */
    private Slot<T> borrowedSlot(T resource, String operation) {
        if (resource == null) {
            // Not requireNonNull(resource, message): building the message would allocate on every call.
            throw new NullPointerException(operation + " of a null resource");
        }
        Slot<T> slot = bag.find(resource);
        if (slot == null && !closed) {
            throw new IllegalArgumentException(operation + " of a resource that pool '" + name
                    + "' does not hold (never lent by it, or already destroyed): " + Slot.describe(resource));
        }
        return slot;
    }

    private IllegalStateException notBorrowed(String operation, T resource) {
        return new IllegalStateException(operation + " of a resource that is not borrowed from pool '" + name
                + "' (already released, or idle): " + Slot.describe(resource));
    }

    // ---------------------------------------------------------------- management

    @Override
    public void initialize() throws InterruptedException {
        allocator.fillToMinAndWait();
    }

    @Override
    public int checkHealth() throws InterruptedException {
        return healthChecker == null ? 0 : healthChecker.checkIdle();
    }

    /** @return how many creations had to wait for a creation permit */
    long permitWaits() {
        return allocator.permitWaits();
    }

    /** @return the message of the last failed health check, or empty if none failed */
    String lastHealthCheckFailure() {
        return healthChecker == null ? "" : healthChecker.lastFailure();
    }

    @Override
    public PoolStats stats() {
        return metrics.snapshot(allocator.capacity(), bag, bag.waiters().size(), healthChecker != null,
                allocator.outage().isDown());
    }

    @Override
    public PoolConfig<T> config() {
        return config;
    }

    @Override
    public void resize(int min, int max) {
        lifecycle.lock();
        try {
            if (closed) {
                throw closedException();
            }
            config = config.toBuilder().min(min).max(max).build();
            allocator.markStarted();
        } finally {
            lifecycle.unlock();
        }
        allocator.pruneCreations(); // queued creations the new sizes no longer need never start
        reclaimer.retireIdleSurplus(max); // borrowed surplus is retired as it comes back
        LOG.log(Level.INFO, () -> "Pool '" + name + "' resized to min " + min + ", max " + max);
        events.resized(min, max);
        allocator.refill();
    }

    @Override
    public void suspend() {
        bag.suspend();
    }

    @Override
    public void resume() {
        bag.resume();
        allocator.createForWaiters();
    }

    @Override
    public boolean isSuspended() {
        return bag.isSuspended();
    }

    @Override
    public int evictIdle() {
        int evicted = reclaimer.retireIdle(RetirementReason.EVICTED);
        allocator.refill();
        return evicted;
    }

    // ---------------------------------------------------------------- close

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        shutDown(null);
    }

    @Override
    public void cancel(Throwable reason) {
        Objects.requireNonNull(reason, "reason must not be null");
        shutDown(reason);
    }

    private void shutDown(Throwable reason) {
        long deadline = Shutdown.deadline(config.shutdownTimeout());
        lifecycle.lock();
        try {
            if (closed) {
                return;
            }
            cancelReason = reason;
            closed = true;
        } finally {
            lifecycle.unlock();
        }
        shutdown.run(deadline);
    }

    @Override
    public void outstandingEnded() {
        shutdown.outstandingEnded();
    }

    @Override
    public PoolClosedException closedException() {
        Throwable reason = cancelReason;
        return new PoolClosedException("Pool '" + name + "' is closed"
                + (reason != null ? " (cancelled: " + reason + ")" : ""), reason);
    }

    /** For a white-box test that plays a claimer racing close. */
    SlotBag<T> bag() {
        return bag;
    }

    @Override
    public String toString() {
        return "ResourcePool[" + name + (closed ? ", closed" : "") + "]";
    }
}
