// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolOverloadedException;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One pool's life under load: the controller of a round (resizes, suspends, interrupts, health
 * checks, evictions), its quiet points, and its close under load with what must hold after.
 * Its {@link StressWorker}s drive the load, its {@link SnapshotWatcher} reads snapshots and
 * counts threads throughout, and {@link RoundInvariants} says what a snapshot or a quiet pool
 * must satisfy.
 */
final class StressRound {

    private final StressRun run;
    final StressSettings settings;
    final Violations violations;
    final Map<Fault, LongAdder> faults;
    final RoundInvariants invariants = new RoundInvariants(this);
    final String name;
    final Random r;
    final FaultPlan plan;
    final FaultyResources res;
    final ResourcePool<Fake> pool;
    final long acquireTimeoutNanos;
    final long checkTimeoutNanos;
    final long shutdownTimeoutNanos;
    final int maxConcurrentCreates;
    final boolean healthChecked;
    final int maxWaiters;
    final int failFastAfter;
    /** Whether the controller switches the backend off and on in this round. */
    final boolean outages;
    final List<StressWorker> workers = new ArrayList<>();
    final AtomicInteger parked = new AtomicInteger();
    final LongAdder acquires = new LongAdder();
    final LongAdder invalidates = new LongAdder();
    /** AcquireTimeoutExceptions the borrowers saw, and async acquires they cancelled. */
    final LongAdder timeoutsSeen = new LongAdder();
    final LongAdder asyncCancelled = new LongAdder();
    /** PoolOverloadedExceptions the acquirers saw. */
    final LongAdder rejectedSeen = new LongAdder();

    volatile boolean pause;
    volatile boolean over;
    volatile boolean closing;
    volatile Throwable cancelReason;
    /** The largest max configured in this round: the bound for snapshots taken by workers. */
    volatile int everMax;
    // Only the controller (the thread running the round) touches these.
    int min;
    int max;
    /** The bound for snapshots: the largest max since the last quiet point (the resize window). */
    volatile int ceiling;
    boolean suspended;

    StressRound(StressRun run, int index, long seed) {
        this.run = run;
        this.settings = run.settings;
        this.violations = run.violations;
        this.faults = run.faults;
        name = "stress-" + index;
        r = new Random(seed);
        max = 1 + r.nextInt(6);
        min = r.nextInt(3) == 0 ? 0 : r.nextInt(max + 1);
        everMax = max;
        ceiling = max;
        long acquireTimeout = pick(20, 50, 100, 250);
        long checkTimeout = pick(10, 30, 100, 400);
        long shutdownTimeout = pick(0, 20, 100);
        long createTimeout = pick(50, 150, 400);
        maxConcurrentCreates = (int) pick(1, 2, 4);
        healthChecked = r.nextInt(3) != 0;
        // A hang outlasts every timeout by twice the overshoot bound, so a caller that waited
        // for a hung create or check would be caught overshooting even on a busy machine.
        plan = FaultPlan.random(r, (int) (Math.max(acquireTimeout, checkTimeout) + settings.overshootBoundMillis() * 2),
                createTimeout, checkTimeout);
        PoolConfig<Fake> limits = lifecycleLimits();
        res = new FaultyResources(plan, r.nextLong(), run.ids, violations, faults, limits, run.overshootBoundNanos);
        PoolConfig.Builder<Fake> b = limits.toBuilder().name(name).create(res).destroy(res)
                .min(min).max(max).jmx(false)
                .acquireTimeout(Duration.ofMillis(acquireTimeout))
                .healthCheckTimeout(Duration.ofMillis(checkTimeout))
                .shutdownTimeout(Duration.ofMillis(shutdownTimeout))
                .createTimeout(Duration.ofMillis(createTimeout))
                .maxConcurrentCreates(maxConcurrentCreates);
        if (healthChecked) {
            b.healthCheck(res).healthCheckInterval(Duration.ofMillis(pick(10, 50, 200)));
            if (r.nextInt(3) == 0) {
                b.checkOnAcquire(Duration.ofMillis(pick(0, 20)));
            }
        }
        if (r.nextInt(4) == 0) {
            b.leakDetectionThreshold(Duration.ofMillis(30));
        }
        maxWaiters = r.nextInt(3) == 0 ? r.nextInt(settings.workers()) : Integer.MAX_VALUE;
        failFastAfter = r.nextInt(3) == 0 ? 1 + r.nextInt(4) : 0;
        outages = r.nextInt(4) == 0; // only some rounds: an outage starves every other fault of creations
        b.maxWaiters(maxWaiters).failFastAfter(failFastAfter);
        acquireTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(acquireTimeout);
        checkTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(checkTimeout);
        shutdownTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(shutdownTimeout);
        pool = settings.pools().apply(b.build());
    }

    /** Short lifetimes, idle timeouts and use limits, each in some rounds, so resources rotate under load. */
    private PoolConfig<Fake> lifecycleLimits() {
        PoolConfig.Builder<Fake> b = PoolConfig.<Fake>builder().create(() -> null);
        if (r.nextInt(3) == 0) {
            b.maxLifetime(Duration.ofMillis(pick(50, 150, 400)));
        }
        if (r.nextInt(3) == 0) {
            b.idleTimeout(Duration.ofMillis(pick(20, 100, 300)));
        }
        if (r.nextInt(3) == 0) {
            b.maxUses(1 + r.nextInt(5));
        }
        return b.build();
    }

    private long pick(int... choices) {
        return choices[r.nextInt(choices.length)];
    }

    void run() {
        SnapshotWatcher watcher = new SnapshotWatcher(pool, maxConcurrentCreates, () -> ceiling, violations,
                run.mostPoolThreads);
        watcher.start();
        for (int i = 0; i < settings.workers(); i++) {
            StressWorker w = new StressWorker(this, name + "/w" + i, r.nextLong());
            workers.add(w);
            w.thread.start();
        }
        try {
            int phases = 1 + r.nextInt(3);
            for (int p = 0; p < phases; p++) {
                chaos(TimeUnit.MILLISECONDS.toNanos(200 + r.nextInt(1000)));
                if (!quietPoint("quiet point " + p)) {
                    return;
                }
            }
            chaos(TimeUnit.MILLISECONDS.toNanos(50 + r.nextInt(400)));
            closeUnderLoad();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30)); // load keeps hitting the closed pool
            if (stopWorkers()) {
                afterClose();
            }
        } catch (RuntimeException | Error e) {
            violations.report(name + ": the controller failed", e);
        } finally {
            over = true;
            pool.close();
            stopWorkers();
            try {
                run.ops.computeIfAbsent("snapshot(watcher)", k -> new LongAdder()).add(watcher.stop());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------ controller

    void chaos(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() - until < 0 && violations.count() == 0) {
            int d = r.nextInt(100);
            if (d < 40) {
                count("snapshot");
                invariants.checkSnapshot(pool.stats(), ceiling, "controller");
            } else if (d < 52) {
                resize();
            } else if (d < 60) {
                toggleSuspend();
            } else if (d < 72) {
                StressWorker w = workers.get(r.nextInt(workers.size()));
                faults.get(Fault.INTERRUPT).increment();
                w.thread.interrupt();
            } else if (d < 75) {
                checkHealth("controller");
            } else if (d < 77) {
                evictIdle();
            } else if (d < 79 && outages) {
                count(res.outage ? "backendUp" : "backendDown");
                res.outage = !res.outage;
            }
            LockSupport.parkNanos(r.nextInt(2_000_000)); // pacing between chaos actions
        }
    }

    void resize() {
        count("resize");
        int newMax = 1 + r.nextInt(8);
        int newMin = r.nextInt(Math.min(newMax, 4) + 1);
        boolean huge = r.nextInt(25) == 0;
        if (huge) {
            // A huge fill, shrunk at once: it must neither start a thread per creation, nor
            // block the caller, nor go on past the new sizes.
            count("resize(huge)");
            int size = r.nextBoolean() ? 5_000 : 100_000;
            everMax = Math.max(everMax, size);
            ceiling = Math.max(ceiling, size);
            pool.resize(size, size);
        }
        if (!huge && r.nextInt(20) == 0) {
            try {
                pool.resize(newMax + 1, newMax);
                violations.report(name + ": resize(" + (newMax + 1) + ", " + newMax + ") was accepted");
            } catch (IllegalArgumentException expected) {
                if (pool.config().max() != max || pool.config().min() != min) {
                    violations.report(name + ": a rejected resize changed the config to " + pool.config());
                }
            }
            return;
        }
        everMax = Math.max(everMax, newMax);
        ceiling = Math.max(ceiling, newMax);
        pool.resize(newMin, newMax);
        min = newMin;
        max = newMax;
        if (pool.config().max() != newMax || pool.config().min() != newMin) {
            violations.report(name + ": config after resize(" + newMin + ", " + newMax + ") is " + pool.config());
        }
    }

    void toggleSuspend() {
        if (suspended) {
            count("resume");
            pool.resume();
        } else {
            count("suspend");
            pool.suspend();
        }
        suspended = !suspended;
        if (pool.isSuspended() != suspended) {
            violations.report(name + ": isSuspended() is " + !suspended + " right after " + (suspended ? "suspend" : "resume"));
        }
    }

    boolean quietPoint(String when) {
        if (suspended) {
            pool.resume();
            suspended = false;
        }
        pause = true;
        res.calm = true;
        if (!Poll.within(StressRun.HANG_NANOS, () -> parked.get() == workers.size())) {
            violations.report(name + ": workers did not pause within " + TimeUnit.NANOSECONDS.toSeconds(StressRun.HANG_NANOS)
                    + "s: " + stuckWorkers());
            return false;
        }
        String problem = Poll.lastValue(run.quietLimitNanos, invariants::quietProblem, Objects::isNull);
        if (problem != null) {
            violations.report(name + ": not quiet within " + TimeUnit.NANOSECONDS.toSeconds(run.quietLimitNanos)
                    + "s at " + when + ": " + problem);
            return false;
        }
        outcome("quietPoint");
        run.judgeLateCalls(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(100));
        ceiling = max; // everything that began before a shrink has finished
        res.calm = false;
        pause = false;
        return true;
    }

    void closeUnderLoad() {
        boolean cancel = r.nextBoolean();
        Throwable reason = cancel ? new InjectedFault(name + " cancelled under load") : null;
        cancelReason = reason;
        closing = true;
        res.closing = true;
        long start = System.nanoTime();
        if (cancel) {
            count("cancel");
            pool.cancel(reason);
        } else {
            count("close");
            pool.close();
        }
        long end = System.nanoTime();
        // close waits for borrowed resources until its shutdown timeout, destroys the idle
        // ones itself, one after the other (each may hang), and waits for its threads only
        // while the timeout lasts, or a short grace after it: never for a hung create or check
        // it gave up on. Judged like every timed call: beyond the overshoot bound, unless the
        // machine stalled this JVM meanwhile.
        long bound = shutdownTimeoutNanos + StressRun.CLOSE_GRACE_NANOS
                + (long) everMax * TimeUnit.MILLISECONDS.toNanos(Math.max(plan.slowMillis(), plan.hangMillis()) + 1);
        long overshoot = end - start - bound;
        if (overshoot > run.overshootBoundNanos) {
            run.lateCallCount.incrementAndGet();
            run.lateCalls.add(new StressRun.Late(name + ": close (bound " + bound / 1_000_000 + "ms)", start, end, overshoot));
        }
        if (!pool.isClosed()) {
            violations.report(name + ": not closed after close()");
        }
        long stragglers = res.liveCount();
        if (stragglers > 0) {
            run.ops.computeIfAbsent("closeReturnedBeforeDestroying", k -> new LongAdder()).add(stragglers);
        }
    }

    boolean stopWorkers() {
        over = true;
        long deadline = System.nanoTime() + StressRun.HANG_NANOS;
        for (StressWorker w : workers) {
            try {
                w.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        String stuck = stuckWorkers();
        if (!stuck.isEmpty()) {
            violations.report(name + ": workers hung: " + stuck);
            for (StressWorker w : workers) {
                w.thread.interrupt();
            }
            return false;
        }
        return true;
    }

    String stuckWorkers() {
        StringBuilder b = new StringBuilder();
        for (StressWorker w : workers) {
            if (w.thread.isAlive() && (over || w.state != StressWorker.PARKED)) {
                b.append(w.thread.getName()).append(" in ").append(w.doing).append(" at ")
                        .append(Arrays.toString(w.thread.getStackTrace())).append("; ");
            }
        }
        return b.toString();
    }

    void afterClose() {
        String wrong = Poll.lastValue(run.quietLimitNanos, () -> {
            String each = res.notDestroyedOnce();
            return each.isEmpty() ? null : each;
        }, Objects::isNull);
        if (wrong != null) {
            violations.report(name + ": after close, not every resource was destroyed exactly once: " + wrong);
        }
        String counts = Poll.lastValue(run.quietLimitNanos, invariants::closedProblem, Objects::isNull);
        if (counts != null) {
            violations.report(name + ": after close: " + counts);
        }
        String prefix = "scopepool-" + name + "-";
        // A thread inside a hung create or check that close gave up on ends when the call
        // returns: at the latest when its hang ends.
        long threadsEnd = StressRun.THREAD_EXIT_WAIT_NANOS + TimeUnit.MILLISECONDS.toNanos(plan.hangMillis());
        if (!Poll.within(threadsEnd, () -> StressRun.liveThreads(prefix).isEmpty())) {
            violations.report(name + ": threads alive after close: " + StressRun.liveThreads(prefix));
        }
        pool.close(); // idempotent, never throws
        pool.cancel(new InjectedFault("late cancel")); // changes nothing
        expectClosed("acquire", () -> pool.acquire(Duration.ZERO));
        expectClosed("initialize", () -> {
            pool.initialize();
            return null;
        });
        CompletableFuture<Fake> late = pool.acquireAsync();
        if (!late.isCompletedExceptionally()) {
            violations.report(name + ": acquireAsync on a closed pool returned " + late);
        } else {
            try {
                late.join();
            } catch (RuntimeException e) {
                if (!(e.getCause() instanceof PoolClosedException) || e.getCause().getCause() != cancelReason) {
                    violations.report(name + ": acquireAsync on a closed pool failed with", e);
                }
            }
        }
        outcome("afterClose");
    }

    void expectClosed(String call, java.util.concurrent.Callable<?> c) {
        try {
            c.call();
            violations.report(name + ": " + call + " on a closed pool succeeded");
        } catch (PoolClosedException e) {
            if (e.getCause() != cancelReason) {
                violations.report(name + ": " + call + " on a closed pool: cause is not the cancel reason", e);
            }
        } catch (Exception e) {
            violations.report(name + ": " + call + " on a closed pool threw", e);
        }
    }

    // ------------------------------------------------------------ shared by workers and controller

    void checkHealth(String who) {
        count("checkHealth");
        long start = System.nanoTime();
        int removed;
        try {
            removed = pool.checkHealth();
        } catch (InterruptedException e) {
            outcome("interrupted");
            return;
        }
        waited(start, checkTimeoutNanos, "checkHealth");
        if (removed < 0 || removed > everMax || (!healthChecked && removed != 0)) {
            violations.report(name + ": checkHealth by " + who + " returned " + removed);
        }
    }

    void evictIdle() {
        count("evictIdle");
        int evicted = pool.evictIdle();
        if (evicted < 0 || evicted > everMax) {
            violations.report(name + ": evictIdle returned " + evicted);
        }
    }

    /** Records how far past its timeout a call returned; reports it beyond the bound. */
    void waited(long start, long timeoutNanos, String call) {
        long end = System.nanoTime();
        long overshoot = end - start - timeoutNanos;
        if (closing || overshoot <= 0) {
            return;
        }
        if (run.maxOvershootNanos.accumulateAndGet(overshoot, Math::max) == overshoot) {
            run.maxOvershootCall = call + " with timeout " + timeoutNanos / 1_000_000 + "ms";
        }
        if (overshoot > run.overshootBoundNanos) {
            run.lateCallCount.incrementAndGet();
            run.lateCalls.add(new StressRun.Late(name + ": " + call + " (timeout " + timeoutNanos / 1_000_000 + "ms)",
                    start, end, overshoot));
        }
    }

    /** Accepts a failure the contract allows for an acquiring call; reports any other. */
    void expect(Throwable e, String call, long start, long timeoutNanos) {
        if (e instanceof AcquireTimeoutException) {
            outcome("timeout");
            if (!closing) {
                timeoutsSeen.increment();
            }
            waited(start, timeoutNanos, call);
            if (!e.getMessage().contains("Acquire timeout after " + timeoutNanos / 1_000_000 + "ms")
                    || !e.getMessage().contains(name)) {
                violations.report(name + ": " + call + " timed out with message " + e.getMessage());
            }
        } else if (e instanceof PoolOverloadedException) {
            outcome("rejected");
            rejectedSeen.increment();
            if (maxWaiters >= workers.size()) {
                violations.report(name + ": " + call + " refused with maxWaiters " + maxWaiters
                        + " and only " + workers.size() + " acquirers", e);
            }
        } else if (e instanceof ResourceCreationException) {
            boolean down = e.getMessage().contains("is down");
            outcome(down ? "refusedWhileDown" : "creationFailed");
            if (down && failFastAfter == 0) {
                violations.report(name + ": " + call + " refused as down with failFastAfter off", e);
            }
            Throwable cause = e.getCause();
            if (!(cause instanceof InjectedFault || cause instanceof NullPointerException
                    || cause instanceof TimeoutException
                    || closing && cause instanceof InterruptedException)) {
                violations.report(name + ": " + call + " failed with a creation failure nobody injected", e);
            }
        } else if (e instanceof PoolClosedException) {
            outcome("closed");
            if (!closing) {
                violations.report(name + ": " + call + " says closed on an open pool", e);
            } else if (e.getCause() != cancelReason) {
                violations.report(name + ": " + call + ": PoolClosedException's cause is not the cancel reason", e);
            }
        } else if (e instanceof InterruptedException) {
            outcome("interrupted");
        } else {
            violations.report(name + ": " + call + " threw", e);
        }
    }

    
    void count(String op) {
        run.count(op);
    }

    void outcome(String what) {
        run.outcome(what);
    }
}
