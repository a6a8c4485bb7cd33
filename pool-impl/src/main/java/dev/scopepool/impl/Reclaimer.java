// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.impl.jfr.ResourceRetireEvent;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Takes resources back into the pool and retires those that must leave it. The
 * {@link Allocator} brings resources in; this class decides where each one goes when a loan,
 * a check or a creation ends, and destroys it when it goes out.
 *
 * <p>The release path, top to bottom. {@code EnginePool.release} finds the slot and, when the
 * pool is open, within max and nobody waits, makes it IDLE with one CAS in the {@link SlotBag}
 * (then {@link #sweepIfClosed} for a close that raced it). Otherwise it
 * moves the slot to RESERVED and calls {@link #recycle}, which, in this order: retires it if
 * the pool is closed; destroys it if the pool holds more than max (the capacity comes off in
 * the same step as the check); retires it on a worker if a lifecycle policy says it is due;
 * else hands it to the oldest waiter or makes it idle. Each retirement runs
 * {@link #retire}, then {@link #destroy}, which counts it, calls the destroyer once and
 * then asks the allocator to refill (or wakes close). A resource is never visited here twice
 * on its way out, and nothing here calls back into the allocator but that refill.
 *
 * <p>Whoever wins a slot's move to REMOVED retires it, so each resource is destroyed once.
 */
final class Reclaimer<T> implements CheckedPool<T> {

    private static final System.Logger LOG = System.getLogger(Reclaimer.class.getName());

    private final String poolName;
    private final RunState<T> runState;
    private final SlotBag<T> bag;
    private final Capacity capacity;
    private final PoolMetrics metrics;
    private final PoolThreads threads;
    private final LifecyclePolicy policy;
    /** The allocator's refill: creations for waiters, then toward min. */
    private final Runnable refill;

    Reclaimer(String poolName, RunState<T> runState, SlotBag<T> bag, Capacity capacity, PoolMetrics metrics,
            PoolThreads threads, LifecyclePolicy policy, Runnable refill) {
        this.poolName = poolName;
        this.runState = runState;
        this.bag = bag;
        this.capacity = capacity;
        this.metrics = metrics;
        this.threads = threads;
        this.policy = policy;
        this.refill = refill;
    }

    @Override
    public Slot<T>[] slots() {
        return bag.slots();
    }

    @Override
    public boolean isClosed() {
        return runState.isClosed();
    }

    // ---------------------------------------------------------------- taking back

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

    // ---------------------------------------------------------------- what checks settle

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
            refill.run();
        }
    }

    @Override
    public void destroyAbandoned(Slot<T> slot) {
        if (slot.markRemoved()) {
            destroy(slot, RetirementReason.ABANDONED);
        }
    }

    // ---------------------------------------------------------------- retiring many

    /**
     * Retires every slot idle now.
     *
     * @return how many it retired
     */
    int retireIdle(RetirementReason reason) {
        List<Slot<T>> won = new ArrayList<>();
        for (Slot<T> s : bag.slots()) {
            if (s.state() == Slot.IDLE && s.cas(Slot.IDLE, Slot.REMOVED)) {
                won.add(s);
            }
        }
        bag.removeAll(won); // one roster rebuild for all: a pool of thousands closes in linear time
        for (Slot<T> s : won) {
            capacity.remove();
            destroyRemoved(s, reason);
        }
        return won.size();
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

    // ---------------------------------------------------------------- retiring one

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
     * Takes a slot out of the bag and destroys it; every destruction ends in
     * {@link #destroyRemoved}, once per resource: it counts it, calls the destroyer (whose
     * failure is logged and counted, never thrown), then refills or wakes close.
     */
    void destroy(Slot<T> slot, RetirementReason reason) {
        bag.remove(slot);
        destroyRemoved(slot, reason);
    }

    /** {@link #destroy} of a slot already taken out of the bag. */
    private void destroyRemoved(Slot<T> slot, RetirementReason reason) {
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
            refill.run();
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
