package dev.scopepool.impl;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.HealthCheck;
import dev.scopepool.Lease;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourceFunction;
import dev.scopepool.ResourcePool;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pool: sizing, creation, health, shutdown and statistics around the {@link SlotBag}
 * fast path.
 *
 * <p>Implementation notes, the invariants every method keeps:
 * <ul>
 *   <li>{@code total + creating <= max}: a creation starts only after
 *       {@link Capacity#tryReserve} granted it; after a shrink, surplus is retired (on
 *       release, or now if idle) before anything new is created.</li>
 *   <li>A slot is in exactly one state (see {@link Slot}); each resource is destroyed exactly
 *       once, by whoever won {@link Slot#retire()}, always through {@link #destroySlot}.</li>
 *   <li>{@code total} drops when a resource is retired, before its destroyer runs; refills
 *       start after the destroyer returned.</li>
 *   <li>Every resource goes back through {@link #recycle}, which destroys it when the pool
 *       is closed or over max, and otherwise gives it to the oldest waiter or makes it idle.</li>
 *   <li>A creation started for a waiter fails only that waiter; its resource goes to that
 *       waiter if it still waits, else through {@link #recycle}.</li>
 *   <li>Resources are created lazily: the pool fills to {@code min} from its first acquire,
 *       {@link #initialize()} or {@link #resize}, and keeps that level afterwards.</li>
 * </ul>
 */
final class EnginePool<T> implements ResourcePool<T> {

    private static final System.Logger LOG = System.getLogger(EnginePool.class.getName());
    private static final long MIN_REFILL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_REFILL_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long THREAD_EXIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Claim attempts, each after a yield, before an acquirer of a full pool queues. */
    private static final int CLAIM_RETRIES = 4;
    /** Yields a queued acquirer spends watching for a hand-off before it parks. */
    private static final int HAND_OFF_YIELDS = 8;

    private final String name;
    private volatile PoolConfig<T> config;
    private final long acquireTimeoutNanos;
    private final boolean recordBorrowSites;
    private final SlotBag<T> bag;
    private final Capacity capacity = new Capacity();
    private final PoolMetrics metrics = new PoolMetrics();
    private final PoolThreads threads;
    private final HealthChecker<T> healthChecker;
    private final List<PoolListener> listeners;
    private final Object lifecycle = new Object();
    private final AtomicBoolean refillScheduled = new AtomicBoolean();
    private final AtomicBoolean periodicCheckRunning = new AtomicBoolean();

    private volatile boolean started;
    private volatile boolean closed;
    private volatile Throwable cancelReason;
    private volatile String lastHealthCheckFailure = "";
    private volatile long refillBackoffNanos = MIN_REFILL_BACKOFF_NANOS;

    /** @param config a validated configuration that carries the pool's final name */
    EnginePool(PoolConfig<T> config) {
        this.name = Objects.requireNonNull(config.name(), "pool name");
        this.config = config;
        this.acquireTimeoutNanos = nanos(config.acquireTimeout());
        this.recordBorrowSites = !config.leakDetectionThreshold().isZero();
        this.threads = new PoolThreads(name);
        this.bag = new SlotBag<>(this::deliverAsync);
        HealthCheck<T> check = config.healthCheck();
        this.healthChecker = check == null ? null
                : new HealthChecker<>(this, check, nanos(config.healthCheckTimeout()));
        this.listeners = new CopyOnWriteArrayList<>(config.listeners());
    }

    /** Starts housekeeping; called once the pool is fully registered. */
    void start() {
        PoolConfig<T> c = config;
        if (healthChecker != null) {
            long interval = nanos(c.healthCheckInterval());
            threads.housekeeper.scheduleWithFixedDelay(this::startPeriodicHealthCheck, interval, interval,
                    TimeUnit.NANOSECONDS);
        }
        if (recordBorrowSites) {
            LeakDetector leaks = new LeakDetector(name, bag, nanos(c.leakDetectionThreshold()));
            threads.housekeeper.scheduleAtFixedRate(leaks::scan, leaks.periodNanos(), leaks.periodNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Adds a listener after construction (the JMX adapter, which needs the pool first). */
    void addListener(PoolListener listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- acquire

    @Override
    public String name() {
        return name;
    }

    @Override
    public T acquire() throws InterruptedException {
        return acquireNanos(acquireTimeoutNanos);
    }

    @Override
    public T acquire(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
        }
        return acquireNanos(nanos(timeout));
    }

    private T acquireNanos(long timeoutNanos) throws InterruptedException {
        Slot<T> slot = bag.claim(); // on a closed pool, lend() refuses whatever this finds
        if (slot != null) {
            return lend(slot);
        }
        return acquireSlow(timeoutNanos);
    }

    private T acquireSlow(long timeoutNanos) throws InterruptedException {
        if (closed) {
            throw closedException();
        }
        long start = System.nanoTime();
        if (timeoutNanos > 0 && atCapacity()) {
            // Nothing can be created: a borrower is about to give one back more often than not.
            // Yielding a few times lets it run (cores are usually fewer than threads) and is far
            // cheaper than queueing, parking and being woken.
            for (int i = 0; i < CLAIM_RETRIES; i++) {
                Thread.yield();
                Slot<T> slot = bag.claim();
                if (slot != null) {
                    return lend(slot);
                }
            }
        }
        if (timeoutNanos == 0) {
            if (!bag.isSuspended() && capacity.tryReserve(config.max())) {
                started = true;
                startCreation(null, null);
            }
            fillToMin();
            throw timedOut(0, start);
        }
        Waiter<T> waiter = Waiter.blocking();
        enqueue(waiter);
        long deadline = start + timeoutNanos;
        for (int i = 0; i < HAND_OFF_YIELDS && waiter.outcome == Waiter.PENDING; i++) {
            Thread.yield(); // a hand-off often comes within a few time slices: skip park/unpark then
        }
        while (waiter.outcome == Waiter.PENDING) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                if (bag.waiters().cancel(waiter)) {
                    throw timedOut(timeoutNanos, start);
                }
                break;
            }
            LockSupport.parkNanos(this, remaining);
            if (Thread.interrupted()) {
                if (!bag.waiters().cancel(waiter) && waiter.outcome == Waiter.SERVED) {
                    Slot<T> handed = waiter.slot;
                    handed.set(Slot.RESERVED);
                    recycle(handed);
                }
                metrics.recordWait(System.nanoTime() - start);
                throw new InterruptedException("interrupted while waiting for a resource of pool '" + name + "'");
            }
        }
        metrics.recordWait(System.nanoTime() - start);
        if (waiter.outcome == Waiter.FAILED) {
            throw (RuntimeException) waiter.failure;
        }
        return lend(waiter.slot);
    }

    @Override
    public CompletableFuture<T> acquireAsync() {
        CompletableFuture<T> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(closedException());
            return future;
        }
        Slot<T> slot = bag.claim();
        if (slot != null) {
            try {
                future.complete(lend(slot));
            } catch (PoolClosedException e) {
                future.completeExceptionally(e);
            }
            return future;
        }
        long start = System.nanoTime();
        if (acquireTimeoutNanos == 0) {
            try {
                acquireSlow(0); // never returns: fails with a timeout, or closed if close raced us
            } catch (RuntimeException | InterruptedException e) {
                future.completeExceptionally(e);
            }
            return future;
        }
        Waiter<T> waiter = Waiter.async(future);
        enqueue(waiter);
        ScheduledFuture<?> timer;
        try {
            timer = threads.housekeeper.schedule(() -> {
                if (bag.waiters().cancel(waiter)) {
                    future.completeExceptionally(timedOut(acquireTimeoutNanos, start));
                }
            }, acquireTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            failWaiter(waiter, closedException());
            return future;
        }
        future.whenComplete((r, e) -> {
            timer.cancel(false);
            if (future.isCancelled()) {
                bag.waiters().cancel(waiter);
            }
        });
        return future;
    }

    /** Queues a waiter, then starts what can serve it: a creation, the min fill, idle slots. */
    private void enqueue(Waiter<T> waiter) {
        started = true;
        bag.waiters().add(waiter);
        if (closed) {
            failWaiter(waiter, closedException());
            return;
        }
        startCreationsForWaiters();
        fillToMin();
        bag.dispatchIdle();
    }

    /** Completes a served asynchronous waiter on a worker, never on the releaser's thread. */
    private void deliverAsync(Waiter<T> waiter) {
        try {
            threads.workers.execute(() -> completeAsync(waiter));
        } catch (RejectedExecutionException closing) {
            completeAsync(waiter);
        }
    }

    private void completeAsync(Waiter<T> waiter) {
        Slot<T> slot = waiter.slot;
        T resource;
        try {
            resource = lend(slot);
        } catch (PoolClosedException e) {
            waiter.future.completeExceptionally(e);
            return;
        }
        if (!waiter.future.complete(resource)) {
            // Cancelled or timed out by its owner meanwhile: nobody holds it, so give it back.
            if (slot.cas(Slot.BORROWED, Slot.RESERVED)) {
                slot.returns++;
                recycle(slot);
            }
        }
    }

    /** Hands a slot the caller just won (claimed or was served) to its caller; package-private for a race test. */
    T lend(Slot<T> slot) {
        if (closed) {
            // Lost a race with close: the pool no longer lends. The slot goes back to be
            // destroyed, unless close already forced it (a claimer preempted past the shutdown
            // timeout): then its resource is destroyed and must not reach the caller, and close
            // counted as invalidated a loan that never began.
            if (slot.cas(Slot.BORROWED, Slot.RESERVED)) {
                recycle(slot);
            } else {
                metrics.invalidated.decrement();
            }
            throw closedException();
        }
        slot.startLoan(recordBorrowSites);
        return slot.resource;
    }

    private void failWaiter(Waiter<T> waiter, RuntimeException failure) {
        if (bag.waiters().fail(waiter, failure)) {
            wakeFailed(waiter, failure);
        }
    }

    private static <T> void wakeFailed(Waiter<T> waiter, Throwable failure) {
        if (waiter.isAsync()) {
            waiter.future.completeExceptionally(failure);
        } else {
            waiter.wake();
        }
    }

    private AcquireTimeoutException timedOut(long timeoutNanos, long start) {
        metrics.recordWait(System.nanoTime() - start);
        metrics.timeouts.increment();
        long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        PoolStats s = stats();
        notifyListeners(l -> l.acquireTimedOut(name, millis));
        return new AcquireTimeoutException("Acquire timeout after " + millis + "ms on pool '" + name
                + "' (total " + s.total() + ", in use " + s.inUse() + ", creating " + s.creating()
                + ", waiting " + s.waiting() + ", max " + config.max()
                + (bag.isSuspended() ? ", suspended" : "") + ")");
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
        // Counted while the caller still owns the loan: once the slot is IDLE another thread
        // may take it, borrow it and release it, and would race on this plain field.
        slot.returns++;
        if (recordBorrowSites) {
            slot.borrowSite = null;
        }
        if (!closed && capacity.liveAndCreating() <= config.max() && bag.returnIdle(slot)) {
            sweepIfClosed(slot);
            return;
        }
        if (!slot.cas(Slot.BORROWED, Slot.RESERVED)) {
            slot.returns--;
            if (closed) {
                return;
            }
            throw notBorrowed("release", resource);
        }
        recycle(slot);
    }

    /** @return whether nothing more may be created now */
    private boolean atCapacity() {
        return capacity.liveAndCreating() >= config.max();
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
        destroySlot(slot, false, true);
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
                    + "' does not hold (never lent by it, or already destroyed): " + describe(resource));
        }
        return slot;
    }

    private IllegalStateException notBorrowed(String operation, T resource) {
        return new IllegalStateException(operation + " of a resource that is not borrowed from pool '" + name
                + "' (already released, or idle): " + describe(resource));
    }

    private static String describe(Object resource) {
        return resource.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(resource));
    }

    /**
     * Takes back a RESERVED slot the caller owns: destroys it when the pool is closed or over
     * max, else hands it to the oldest waiter or makes it idle.
     */
    void recycle(Slot<T> slot) {
        if (closed) {
            if (slot.retire()) {
                destroySlot(slot, false, false);
            }
            return;
        }
        if (capacity.retireIfOver(config.max())) {
            if (slot.retire()) {
                destroySlot(slot, true, false);
            }
            return;
        }
        bag.requite(slot);
        sweepIfClosed(slot);
    }

    /** close() may have swept idle slots before this one became idle: sweep it here then. */
    private void sweepIfClosed(Slot<T> slot) {
        if (closed && slot.cas(Slot.IDLE, Slot.REMOVED)) {
            destroySlot(slot, false, false);
        }
    }

    // ---------------------------------------------------------------- execute, lease

    @Override
    public <R, X extends Exception> R execute(ResourceFunction<? super T, ? extends R, X> work)
            throws X, InterruptedException {
        Objects.requireNonNull(work, "work must not be null");
        T resource = acquire();
        R result;
        try {
            result = work.apply(resource);
        } catch (Throwable failure) {
            try {
                release(resource);
            } catch (RuntimeException releaseFailure) {
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        release(resource);
        return result;
    }

    @Override
    public <R> CompletableFuture<R> executeAsync(Function<? super T, ? extends CompletionStage<R>> work) {
        Objects.requireNonNull(work, "work must not be null");
        return acquireAsync().thenCompose(resource -> {
            CompletionStage<R> stage;
            try {
                stage = Objects.requireNonNull(work.apply(resource), "executeAsync work returned null");
            } catch (Throwable failure) {
                release(resource);
                return CompletableFuture.failedFuture(failure);
            }
            CompletableFuture<R> result = new CompletableFuture<>();
            stage.whenComplete((value, failure) -> {
                try {
                    release(resource);
                } catch (RuntimeException releaseFailure) {
                    if (failure == null) {
                        result.completeExceptionally(releaseFailure);
                        return;
                    }
                    failure.addSuppressed(releaseFailure);
                }
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
            return result;
        });
    }

    @Override
    public Lease<T> lease() throws InterruptedException {
        return new PoolLease<>(this, acquire());
    }

    // ---------------------------------------------------------------- creation

    /** Starts a creation whose capacity was reserved; its resource goes to {@code owner} if it still waits. */
    private void startCreation(Waiter<T> owner, InitTicket ticket) {
        try {
            threads.workers.execute(() -> create(owner, ticket));
        } catch (RejectedExecutionException closing) {
            capacity.creationFailed();
            if (owner != null) {
                failWaiter(owner, closedException());
            }
            if (ticket != null) {
                ticket.failed(closedException());
            }
        }
    }

    private void create(Waiter<T> owner, InitTicket ticket) {
        T resource;
        try {
            resource = config.create().create();
            if (resource == null) {
                throw new NullPointerException("create returned null");
            }
        } catch (Throwable e) {
            creationFailed(owner, ticket, e);
            return;
        }
        Slot<T> slot = new Slot<>(resource);
        bag.add(slot);
        capacity.created();
        metrics.created.increment();
        refillBackoffNanos = MIN_REFILL_BACKOFF_NANOS;
        if (owner == null || closed || !bag.handTo(owner, slot)) {
            recycle(slot);
        }
        if (ticket != null) {
            ticket.succeeded(); // after recycle: initialize() returns with its resources idle
        }
        signalLifecycle(); // an initialize() may be waiting for a background creation toward min
    }

    private void creationFailed(Waiter<T> owner, InitTicket ticket, Throwable e) {
        capacity.creationFailed();
        metrics.createFailures.increment();
        signalLifecycle();
        if (closed) {
            return;
        }
        LOG.log(Level.WARNING, () -> "Pool '" + name + "': create failed", e);
        ResourceCreationException failure = new ResourceCreationException(
                "Could not create a resource for pool '" + name + "': " + e, e);
        if (owner != null) {
            failWaiter(owner, failure);
        }
        if (ticket != null) {
            ticket.failed(failure);
        }
        startCreationsForWaiters();
        if (owner == null && ticket == null) {
            scheduleRefill(); // a background refill failed: retry later, not in a hot loop
        }
    }

    /** Starts creations for waiters that have none, oldest first, as far as max allows. */
    private void startCreationsForWaiters() {
        if (closed || bag.isSuspended() || bag.waiters().isEmpty() || atCapacity()) {
            return;
        }
        int max = config.max();
        for (Waiter<T> w : bag.waiters().claimCreations(() -> capacity.tryReserve(max))) {
            startCreation(w, null);
        }
    }

    /** Creates in the background until {@code min} resources are live or being created. */
    private void fillToMin() {
        if (!started || closed) {
            return;
        }
        int min = config.min();
        while (capacity.tryReserve(min)) {
            startCreation(null, null);
        }
    }

    private void scheduleRefill() {
        if (!refillScheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = refillBackoffNanos;
        refillBackoffNanos = Math.min(delay * 2, MAX_REFILL_BACKOFF_NANOS);
        try {
            threads.housekeeper.schedule(() -> {
                refillScheduled.set(false);
                fillToMin();
            }, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            refillScheduled.set(false);
        }
    }

    @Override
    public void initialize() throws InterruptedException {
        if (closed) {
            throw closedException();
        }
        started = true;
        int min = config.min();
        int reserved = 0;
        while (capacity.tryReserve(min)) {
            reserved++;
        }
        InitTicket ticket = new InitTicket(reserved);
        for (int i = 0; i < reserved; i++) {
            startCreation(null, ticket);
        }
        ticket.await();
        awaitBackgroundFill(min);
        if (closed) {
            throw closedException();
        }
    }

    /**
     * Waits while creations that were already under way (a refill, another caller's) may still
     * bring the pool to {@code min}, so that initialize() returns with {@code min} resources live.
     */
    private void awaitBackgroundFill(int min) throws InterruptedException {
        synchronized (lifecycle) {
            for (;;) {
                long c = capacity.snapshot();
                if (closed || Capacity.total(c) >= min || Capacity.creating(c) == 0) {
                    return;
                }
                lifecycle.wait(100); // woken by every creation's end; the bound only re-checks close
            }
        }
    }

    /** Counts down the creations {@link #initialize()} waits for, and keeps the first failure. */
    private final class InitTicket {
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final CountDownLatch pending;

        InitTicket(int creations) {
            pending = new CountDownLatch(creations);
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
                if (closed) {
                    throw closedException();
                }
            }
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }

    // ---------------------------------------------------------------- destruction

    /**
     * Destroys a slot the caller retired (won {@link Slot#retire()} or the CAS to REMOVED).
     *
     * @param capacityRetired whether the caller already took it out of {@link Capacity}
     * @param refill whether to start refills afterwards
     */
    private void destroySlot(Slot<T> slot, boolean capacityRetired, boolean refill) {
        bag.remove(slot);
        metrics.retire(slot);
        if (!capacityRetired) {
            capacity.retire();
        }
        try {
            config.destroy().destroy(slot.resource);
        } catch (Throwable e) {
            metrics.destroyFailures.increment();
            LOG.log(Level.WARNING, () -> "Pool '" + name + "': destroy failed for " + describe(slot.resource), e);
        } finally {
            metrics.destroyed.increment();
        }
        if (closed) {
            signalLifecycle();
        } else if (refill) {
            startCreationsForWaiters();
            fillToMin();
        }
    }

    /** Destroys a slot whose health check failed (the check owns it, RESERVED). */
    void destroyUnhealthy(Slot<T> slot) {
        if (slot.retire()) {
            destroySlot(slot, false, true);
        }
    }

    void recordUnhealthy(String message) {
        metrics.unhealthy.incrementAndGet();
        lastHealthCheckFailure = message;
        LOG.log(Level.INFO, () -> "Pool '" + name + "': health check failed: " + message);
        notifyListeners(l -> l.healthCheckFailed(name, message));
    }

    // ---------------------------------------------------------------- management

    @Override
    public int checkHealth() throws InterruptedException {
        if (healthChecker == null || closed) {
            return 0;
        }
        return healthChecker.checkIdle();
    }

    /**
     * Runs a periodic check on a worker, never on the housekeeper: a check waits up to the
     * health-check timeout for hung resources, and the housekeeper must stay free to time out
     * asynchronous acquires on time. A check still running when the next is due skips that one.
     */
    private void startPeriodicHealthCheck() {
        if (!periodicCheckRunning.compareAndSet(false, true)) {
            return;
        }
        try {
            threads.workers.execute(() -> {
                try {
                    periodicHealthCheck();
                } finally {
                    periodicCheckRunning.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            periodicCheckRunning.set(false);
        }
    }

    private void periodicHealthCheck() {
        try {
            checkHealth();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "Pool '" + name + "': periodic health check failed", e);
        }
    }

    @Override
    public PoolStats stats() {
        long cap = capacity.snapshot();
        int available = 0;
        int inUse = 0;
        long lends = metrics.retiredLends.sum();
        long returns = metrics.retiredReturns.sum();
        for (Slot<T> s : bag.slots()) {
            int state = s.state();
            if (state == Slot.IDLE) {
                available++;
            } else if (state == Slot.BORROWED) {
                inUse++;
            }
            lends += s.lends;
            returns += s.returns;
        }
        return new PoolStats(Capacity.total(cap), available, inUse, bag.waiters().size(), Capacity.creating(cap),
                metrics.unhealthy.get(), healthChecker != null,
                lends, returns, metrics.invalidated.sum(), metrics.created.sum(), metrics.destroyed.sum(),
                metrics.destroyFailures.sum(), metrics.timeouts.sum(), metrics.createFailures.sum(),
                metrics.maxAcquireWaitMillis(), 0, 0, 0, 0, 0, false);
    }

    @Override
    public PoolConfig<T> config() {
        return config;
    }

    @Override
    public void resize(int min, int max) {
        PoolConfig<T> next;
        synchronized (lifecycle) {
            if (closed) {
                throw closedException();
            }
            next = config.toBuilder().min(min).max(max).build();
            config = next;
            started = true;
        }
        // Shrink now: retire idle surplus (borrowed surplus is retired as it comes back).
        for (Slot<T> s : bag.slots()) {
            if (capacity.liveAndCreating() <= max) {
                break;
            }
            if (s.state() == Slot.IDLE && s.cas(Slot.IDLE, Slot.RESERVED)) {
                recycle(s);
            }
        }
        LOG.log(Level.INFO, () -> "Pool '" + name + "' resized to min " + min + ", max " + max);
        notifyListeners(l -> l.resized(name, min, max));
        startCreationsForWaiters();
        fillToMin();
    }

    @Override
    public void suspend() {
        bag.suspend();
    }

    @Override
    public void resume() {
        bag.resume();
        startCreationsForWaiters();
    }

    @Override
    public boolean isSuspended() {
        return bag.isSuspended();
    }

    @Override
    public int evictIdle() {
        int evicted = 0;
        for (Slot<T> s : bag.slots()) {
            if (s.state() == Slot.IDLE && s.cas(Slot.IDLE, Slot.REMOVED)) {
                destroySlot(s, false, false);
                evicted++;
            }
        }
        startCreationsForWaiters();
        fillToMin();
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
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            cancelReason = reason;
            closed = true;
        }
        threads.housekeeper.shutdownNow();
        PoolClosedException failure = closedException();
        for (Waiter<T> w : bag.waiters().failAll(failure)) {
            wakeFailed(w, failure);
        }
        for (Slot<T> s : bag.slots()) {
            if (s.cas(Slot.IDLE, Slot.REMOVED)) {
                destroySlot(s, false, false);
            }
        }
        awaitOutstanding(nanos(config.shutdownTimeout()));
        for (Slot<T> s : bag.slots()) {
            if (s.cas(Slot.BORROWED, Slot.REMOVED)) {
                LOG.log(Level.WARNING, () -> "Pool '" + name + "': destroying a resource still borrowed after "
                        + config.shutdownTimeout().toMillis() + "ms: " + describe(s.resource));
                metrics.invalidated.increment();
                destroySlot(s, false, false);
            }
        }
        if (!threads.shutdownNow(THREAD_EXIT_WAIT_NANOS) && !threads.isPoolThread()) {
            LOG.log(Level.WARNING, () -> "Pool '" + name + "': a pool thread did not end within "
                    + TimeUnit.NANOSECONDS.toMillis(THREAD_EXIT_WAIT_NANOS)
                    + "ms of close (a create, destroy or health check ignores interruption)");
        }
        LOG.log(Level.DEBUG, () -> "Pool '" + name + "' closed");
        notifyListeners(l -> l.closed(name));
    }

    /** Waits until no resource is out and no creation runs, or the timeout passes. */
    private void awaitOutstanding(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lifecycle) {
            while (bag.slots().length > 0 || Capacity.creating(capacity.snapshot()) > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lifecycle, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void signalLifecycle() {
        synchronized (lifecycle) {
            lifecycle.notifyAll();
        }
    }

    private PoolClosedException closedException() {
        Throwable reason = cancelReason;
        return new PoolClosedException("Pool '" + name + "' is closed"
                + (reason != null ? " (cancelled: " + reason + ")" : ""), reason);
    }

    // ---------------------------------------------------------------- internals for collaborators

    SlotBag<T> bag() {
        return bag;
    }

    PoolThreads threads() {
        return threads;
    }

    String lastHealthCheckFailure() {
        return lastHealthCheckFailure;
    }

    private void notifyListeners(Consumer<PoolListener> event) {
        for (PoolListener l : listeners) {
            try {
                event.accept(l);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, () -> "Pool '" + name + "': listener " + l + " failed", e);
            }
        }
    }

    /** Converts a duration to nanoseconds, saturating instead of overflowing. */
    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "ResourcePool[" + name + (closed ? ", closed" : "") + "]";
    }
}
