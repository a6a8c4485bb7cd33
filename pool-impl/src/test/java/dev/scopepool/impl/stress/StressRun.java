package dev.scopepool.impl.stress;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.Lease;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolOverloadedException;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The stress harness: round after round, a fresh pool with a randomly drawn configuration and
 * {@link FaultPlan} is driven by worker threads doing random operations of the whole API, while
 * a controller thread resizes, suspends, resumes, interrupts, checks health and evicts. Between
 * phases the workers pause and the pool must become quiet with every counter adding up; each
 * round ends with {@code close} (or {@code cancel}) under load, after which every resource must
 * have been destroyed exactly once and no thread of the pool may be left.
 *
 * <p>Checked all the time: no resource lent to two borrowers, nor after its destruction, nor
 * destroyed or health-checked while lent (see {@link FaultyResources}); no call fails in a way
 * the contract does not allow; {@code total + creating} and {@code available + inUse} never
 * above the bound in force (the largest max since the last quiet point, because a shrink lets
 * borrowed surplus stay out until it is returned); no acquirer, asynchronous or not, and no
 * {@code checkHealth}, returns later than its timeout plus the overshoot bound; no worker hangs.
 */
final class StressRun {

    /**
     * @param workers worker threads per pool: more than the cores, so that preemption lands
     *     inside the engine's critical windows
     * @param overshootBoundMillis how far past its timeout a call may return (see the test for why)
     * @param quietLimit how long a paused pool may take to become quiet with its counters adding up
     * @param pools makes the pool under test from a configuration
     */
    record Settings(long seed, Duration duration, int workers, long overshootBoundMillis, Duration quietLimit,
            Function<PoolConfig<Fake>, ResourcePool<Fake>> pools) {
    }

    /** Beyond every timeout of a round: a call not back after this much more is hung. */
    private static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long THREAD_EXIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Settings settings;
    private final long overshootBoundNanos;
    private final long quietLimitNanos;
    private final Violations violations = new Violations();
    private final Map<String, LongAdder> ops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong lateCallCount = new AtomicLong();
    private volatile String maxOvershootCall = "none";
    private final Map<Fault, LongAdder> faults = new EnumMap<>(Fault.class);
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong maxOvershootNanos = new AtomicLong();
    private final AtomicLong maxUnexplainedNanos = new AtomicLong();
    /** Calls that overshot the bound, to be judged once the lag meter has seen their window. */
    private final java.util.Queue<Late> lateCalls = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private SchedulerLag lag;

    /** A call that returned {@code overshoot} nanoseconds after its timeout. */
    private record Late(String call, long start, long end, long overshoot) {
    }

    StressRun(Settings settings) {
        this.settings = settings;
        this.overshootBoundNanos = TimeUnit.MILLISECONDS.toNanos(settings.overshootBoundMillis());
        this.quietLimitNanos = settings.quietLimit().toNanos();
        for (Fault f : Fault.values()) {
            faults.put(f, new LongAdder());
        }
    }

    /** Runs rounds until the duration is spent or a round found a violation. */
    StressReport run() {
        long start = System.nanoTime();
        long end = start + settings.duration().toNanos();
        Random r = new Random(settings.seed());
        int rounds = 0;
        lag = new SchedulerLag();
        try {
            do {
                new Round(rounds, r.nextLong()).run();
                rounds++;
            } while (System.nanoTime() < end && violations.count() == 0);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // lets the lag meter see the last calls' windows
            judgeLateCalls(Long.MAX_VALUE);
        } finally {
            lag.close();
        }
        if (!Poll.within(THREAD_EXIT_WAIT_NANOS * 2, () -> liveThreads("scopepool-stress-").isEmpty())) {
            violations.report("scopepool threads alive after every pool closed: " + liveThreads("scopepool-stress-"));
        }
        Map<String, Long> opCounts = new TreeMap<>();
        ops.forEach((k, v) -> opCounts.put(k, v.sum()));
        Map<String, Long> outcomeCounts = new TreeMap<>();
        outcomes.forEach((k, v) -> outcomeCounts.put(k, v.sum()));
        Map<Fault, Long> faultCounts = new EnumMap<>(Fault.class);
        faults.forEach((k, v) -> faultCounts.put(k, v.sum()));
        return new StressReport(settings.seed(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), rounds,
                opCounts, outcomeCounts, faultCounts, violations.count(), violations.kept(),
                maxOvershootNanos.get() / 1e6, maxOvershootCall, lateCallCount.get(), maxUnexplainedNanos.get() / 1e6,
                lag.maxLagNanos() / 1e6, settings.overshootBoundMillis());
    }

    /**
     * Judges the calls that overshot the bound and ended before {@code endedBefore}: a violation
     * unless the machine stalled this JVM's threads for most of it meanwhile.
     */
    private void judgeLateCalls(long endedBefore) {
        for (int n = lateCalls.size(); n > 0; n--) {
            Late late = lateCalls.poll();
            if (late == null) {
                return;
            }
            if (late.end() - endedBefore >= 0) {
                lateCalls.add(late);
                continue;
            }
            long unexplained = late.overshoot() - lag.lateBetween(late.start(), late.end());
            maxUnexplainedNanos.accumulateAndGet(unexplained, Math::max);
            if (unexplained > overshootBoundNanos) {
                violations.report(late.call() + " returned " + late.overshoot() / 1_000_000 + "ms after its timeout, "
                        + unexplained / 1_000_000 + "ms more than the machine stalled meanwhile");
            }
        }
    }

    private void count(String op) {
        ops.computeIfAbsent(op, k -> new LongAdder()).increment();
    }

    /** Counts how calls ended (other than normally) and the checkpoints passed. */
    private void outcome(String what) {
        outcomes.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    private static List<String> liveThreads(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** One pool's life under load. */
    private final class Round {
        final String name;
        final Random r;
        final FaultPlan plan;
        final FaultyResources res;
        final ResourcePool<Fake> pool;
        final long acquireTimeoutNanos;
        final long checkTimeoutNanos;
        final long shutdownTimeoutNanos;
        final boolean healthChecked;
        final int maxWaiters;
        final int failFastAfter;
        /** Whether the controller switches the backend off and on in this round. */
        final boolean outages;
        final List<Worker> workers = new ArrayList<>();
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
        int ceiling;
        boolean suspended;

        Round(int index, long seed) {
            name = "stress-" + index;
            r = new Random(seed);
            max = 1 + r.nextInt(6);
            min = r.nextInt(3) == 0 ? 0 : r.nextInt(max + 1);
            everMax = max;
            ceiling = max;
            long acquireTimeout = pick(20, 50, 100, 250);
            long checkTimeout = pick(10, 30, 100, 400);
            long shutdownTimeout = pick(0, 20, 100);
            healthChecked = r.nextInt(3) != 0;
            // A hang outlasts every timeout by twice the overshoot bound, so a caller that waited
            // for a hung create or check would be caught overshooting even on a busy machine.
            plan = FaultPlan.random(r, (int) (Math.max(acquireTimeout, checkTimeout) + settings.overshootBoundMillis() * 2));
            PoolConfig<Fake> limits = lifecycleLimits();
            res = new FaultyResources(plan, r.nextLong(), ids, violations, faults, limits, overshootBoundNanos);
            PoolConfig.Builder<Fake> b = limits.toBuilder().name(name).create(res).destroy(res)
                    .min(min).max(max).jmx(false)
                    .acquireTimeout(Duration.ofMillis(acquireTimeout))
                    .healthCheckTimeout(Duration.ofMillis(checkTimeout))
                    .shutdownTimeout(Duration.ofMillis(shutdownTimeout));
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
            for (int i = 0; i < settings.workers(); i++) {
                Worker w = new Worker(name + "/w" + i, r.nextLong());
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
            }
        }

        // ------------------------------------------------------------ controller

        void chaos(long nanos) {
            long until = System.nanoTime() + nanos;
            while (System.nanoTime() - until < 0 && violations.count() == 0) {
                int d = r.nextInt(100);
                if (d < 40) {
                    count("snapshot");
                    checkSnapshot(pool.stats(), ceiling, "controller");
                } else if (d < 52) {
                    resize();
                } else if (d < 60) {
                    toggleSuspend();
                } else if (d < 72) {
                    Worker w = workers.get(r.nextInt(workers.size()));
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
            if (r.nextInt(20) == 0) {
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

        void checkSnapshot(PoolStats s, int bound, String who) {
            if (s.total() < 0 || s.available() < 0 || s.inUse() < 0 || s.creating() < 0 || s.waiting() < 0) {
                violations.report(name + ": negative count in " + s);
            }
            if (s.total() + s.creating() > bound) {
                violations.report(name + ": total + creating above " + bound + " (seen by " + who + "): " + s);
            }
            if (s.available() + s.inUse() > bound) {
                violations.report(name + ": available + inUse above " + bound + " (seen by " + who + "): " + s);
            }
            if (s.waiting() > workers.size()) {
                violations.report(name + ": " + s.waiting() + " waiting with only " + workers.size() + " acquirers: " + s);
            }
            if (s.waiting() > maxWaiters) {
                violations.report(name + ": " + s.waiting() + " waiting, above maxWaiters " + maxWaiters + ": " + s);
            }
        }

        boolean quietPoint(String when) {
            if (suspended) {
                pool.resume();
                suspended = false;
            }
            pause = true;
            res.calm = true;
            if (!Poll.within(HANG_NANOS, () -> parked.get() == workers.size())) {
                violations.report(name + ": workers did not pause within " + TimeUnit.NANOSECONDS.toSeconds(HANG_NANOS)
                        + "s: " + stuckWorkers());
                return false;
            }
            String problem = Poll.lastValue(quietLimitNanos, this::quietProblem, Objects::isNull);
            if (problem != null) {
                violations.report(name + ": not quiet within " + TimeUnit.NANOSECONDS.toSeconds(quietLimitNanos)
                        + "s at " + when + ": " + problem);
                return false;
            }
            outcome("quietPoint");
            judgeLateCalls(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(100));
            ceiling = max; // everything that began before a shrink has finished
            res.calm = false;
            pause = false;
            return true;
        }

        /** @return null if the paused pool is quiet and every counter adds up, else what is wrong */
        String quietProblem() {
            PoolStats s = pool.stats();
            long acq = acquires.sum();
            long inv = invalidates.sum();
            String wrong = s.waiting() != 0 ? "someone waits"
                    : s.creating() != 0 ? "a creation runs"
                    : s.inUse() != 0 ? "a resource is in use though every borrower gave it back"
                    : s.total() != s.available() + s.inUse() ? "total != available + inUse"
                    : s.total() > max ? "total above max " + max
                    : s.total() < min ? "total below min " + min
                    : s.down() ? "still down though creations succeed"
                    : s.rejected() != rejectedSeen.sum() ? "rejected != the " + rejectedSeen.sum() + " the acquirers saw"
                    : s.created() - s.destroyed() != s.total() ? "created - destroyed != total"
                    : s.acquired() - s.released() - s.invalidated() != s.inUse()
                            ? "acquired - released - invalidated != inUse"
                    : s.created() != res.createOk.sum() ? "created != the factory's " + res.createOk.sum()
                    : s.createFailures() != res.createFailed.sum()
                            ? "createFailures != the factory's " + res.createFailed.sum()
                    : s.destroyed() != res.destroyCalls.sum() ? "destroyed != destroy calls " + res.destroyCalls.sum()
                    : s.destroyFailures() != res.destroyFailed.sum()
                            ? "destroyFailures != failed destroys " + res.destroyFailed.sum()
                    : s.invalidated() != inv ? "invalidated != the borrowers' " + inv
                    : s.acquired() < acq ? "acquired below the borrowers' " + acq
                    : s.acquired() - acq != s.released() - (acq - inv)
                            ? "loans not seen by a borrower (" + (s.acquired() - acq) + ") != releases not made by one ("
                                    + (s.released() - (acq - inv)) + ")"
                    : res.liveCount() != s.total() ? "the factory's live count " + res.liveCount() + " != total"
                    : res.borrowedCount() != 0 ? res.borrowedCount() + " still marked borrowed"
                    : s.retiredByAge() + s.retiredByIdle() + s.retiredByUses() > s.destroyed()
                            ? "more retired by lifecycle policies than destroyed"
                    : s.retiredByAge() > 0 && pool.config().maxLifetime().isZero() ? "retired by age without maxLifetime"
                    : s.retiredByIdle() > 0 && pool.config().idleTimeout().isZero() ? "retired by idleness without idleTimeout"
                    : s.retiredByUses() > 0 && pool.config().maxUses() == 0 ? "retired by uses without maxUses"
                    : s.unhealthy() < res.checkFailed.sum() ? "unhealthy below the failing checks " + res.checkFailed.sum()
                    : s.unhealthy() > res.checkCalls.sum() ? "unhealthy above the checks made " + res.checkCalls.sum()
                    // A timer may time out an async acquire its owner cancelled at the same moment.
                    : s.timeouts() < timeoutsSeen.sum() || s.timeouts() > timeoutsSeen.sum() + asyncCancelled.sum()
                            ? "timeouts != the " + timeoutsSeen.sum() + " the acquirers saw (+ up to "
                                    + asyncCancelled.sum() + " cancelled async acquires)"
                    : null;
            return wrong == null ? null : wrong + ": " + s + "; " + res.describeLive() + "; slot states " + engineView();
        }

        /**
         * The engine's slots and their states (0 idle, 1 borrowed, 2 reserved, 3 removed) and the
         * pool's threads with their stacks: read by reflection, for failure reports only.
         */
        String engineView() {
            try {
                java.lang.reflect.Method bm = pool.getClass().getDeclaredMethod("bag");
                bm.setAccessible(true);
                Object bag = bm.invoke(pool);
                java.lang.reflect.Method slots = bag.getClass().getDeclaredMethod("slots");
                slots.setAccessible(true);
                StringBuilder b = new StringBuilder();
                for (Object slot : (Object[]) slots.invoke(bag)) {
                    java.lang.reflect.Method st = slot.getClass().getDeclaredMethod("state");
                    st.setAccessible(true);
                    java.lang.reflect.Field rf = slot.getClass().getDeclaredField("resource");
                    rf.setAccessible(true);
                    b.append(rf.get(slot)).append('=').append(st.invoke(slot)).append(' ');
                }
                for (var e : Thread.getAllStackTraces().entrySet()) {
                    if (e.getKey().getName().startsWith("scopepool-" + name)) {
                        b.append("\n").append(e.getKey().getName()).append(' ').append(Arrays.toString(e.getValue()));
                    }
                }
                return b.toString();
            } catch (ReflectiveOperationException e) {
                return e.toString();
            }
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
            long took = System.nanoTime() - start;
            // close waits for borrowed resources, destroys the idle ones itself, one after the
            // other (each may hang), and waits for its threads
            long bound = shutdownTimeoutNanos + THREAD_EXIT_WAIT_NANOS
                    + (long) everMax * TimeUnit.MILLISECONDS.toNanos(Math.max(plan.slowMillis(), plan.hangMillis()) + 1)
                    + overshootBoundNanos;
            if (took > bound) {
                violations.report(name + ": close took " + took / 1_000_000 + "ms, bound " + bound / 1_000_000 + "ms");
            }
            if (!pool.isClosed()) {
                violations.report(name + ": not closed after close()");
            }
            long stragglers = res.liveCount();
            if (stragglers > 0) {
                ops.computeIfAbsent("closeReturnedBeforeDestroying", k -> new LongAdder()).add(stragglers);
            }
        }

        boolean stopWorkers() {
            over = true;
            long deadline = System.nanoTime() + HANG_NANOS;
            for (Worker w : workers) {
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
                for (Worker w : workers) {
                    w.thread.interrupt();
                }
                return false;
            }
            return true;
        }

        String stuckWorkers() {
            StringBuilder b = new StringBuilder();
            for (Worker w : workers) {
                if (w.thread.isAlive() && (over || w.state != Worker.PARKED)) {
                    b.append(w.thread.getName()).append(" in ").append(w.doing).append(" at ")
                            .append(Arrays.toString(w.thread.getStackTrace())).append("; ");
                }
            }
            return b.toString();
        }

        void afterClose() {
            String wrong = Poll.lastValue(quietLimitNanos, () -> {
                String each = res.notDestroyedOnce();
                return each.isEmpty() ? null : each;
            }, Objects::isNull);
            if (wrong != null) {
                violations.report(name + ": after close, not every resource was destroyed exactly once: " + wrong);
            }
            String counts = Poll.lastValue(quietLimitNanos, this::closedProblem, Objects::isNull);
            if (counts != null) {
                violations.report(name + ": after close: " + counts);
            }
            String prefix = "scopepool-" + name + "-";
            if (!Poll.within(THREAD_EXIT_WAIT_NANOS, () -> liveThreads(prefix).isEmpty())) {
                violations.report(name + ": threads alive after close: " + liveThreads(prefix));
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

        String closedProblem() {
            PoolStats s = pool.stats();
            String wrong = s.total() != 0 ? "total != 0"
                    : s.creating() != 0 ? "creating != 0"
                    : s.available() != 0 || s.inUse() != 0 || s.waiting() != 0 ? "available, inUse or waiting != 0"
                    : s.created() != s.destroyed() ? "created != destroyed"
                    : s.created() != res.createOk.sum() ? "created != the factory's " + res.createOk.sum()
                    : s.destroyed() != res.destroyCalls.sum() ? "destroyed != destroy calls " + res.destroyCalls.sum()
                    : s.destroyFailures() != res.destroyFailed.sum()
                            ? "destroyFailures != failed destroys " + res.destroyFailed.sum()
                    : s.acquired() - s.released() - s.invalidated() != 0 ? "acquired - released - invalidated != 0"
                    : res.borrowedCount() != 0 ? res.borrowedCount() + " still marked borrowed"
                    : null;
            return wrong == null ? null : wrong + ": " + s;
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
            if (maxOvershootNanos.accumulateAndGet(overshoot, Math::max) == overshoot) {
                maxOvershootCall = call + " with timeout " + timeoutNanos / 1_000_000 + "ms";
            }
            if (overshoot > overshootBoundNanos) {
                lateCallCount.incrementAndGet();
                lateCalls.add(new Late(name + ": " + call + " (timeout " + timeoutNanos / 1_000_000 + "ms)",
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

        /** One thread of load: random operations until the round is over, pausing when asked. */
        private final class Worker implements Runnable {
            static final int RUNNING = 0;
            static final int PARKED = 1;

            final Thread thread;
            final String id;
            final Random r;
            volatile String doing = "nothing";
            volatile int state = RUNNING;

            Worker(String id, long seed) {
                this.id = id;
                this.r = new Random(seed);
                this.thread = new Thread(this, "stress-worker-" + id);
                thread.setDaemon(true);
            }

            @Override
            public void run() {
                int afterClose = 0;
                while (!over) {
                    if (pause) {
                        parkWhilePaused();
                        continue;
                    }
                    if (closing && ++afterClose > 50) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // enough calls on the closed pool
                        continue;
                    }
                    try {
                        step();
                    } catch (Throwable e) {
                        violations.report(id + " failed in " + doing, e);
                    }
                    doing = "nothing";
                }
            }

            private void parkWhilePaused() {
                state = PARKED;
                parked.incrementAndGet();
                while (pause && !over) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    Thread.interrupted(); // a stray interrupt from before the pause
                }
                parked.decrementAndGet();
                state = RUNNING;
            }

            void step() throws Exception {
                int d = r.nextInt(100);
                if (d < 18) {
                    acquire(r.nextInt(4) == 0 ? Duration.ZERO : Duration.ofMillis(1 + r.nextInt(150)));
                } else if (d < 30) {
                    acquire(null);
                } else if (d < 40) {
                    acquireAsync();
                } else if (d < 52) {
                    execute();
                } else if (d < 57) {
                    executeAsync();
                } else if (d < 69) {
                    lease();
                } else if (d < 75) {
                    holdTwo();
                } else if (d < 79) {
                    doing = "checkHealth";
                    checkHealth(id);
                } else if (d < 81) {
                    doing = "evictIdle";
                    evictIdle();
                } else if (d < 83) {
                    initialize();
                } else if (d < 88) {
                    misuse();
                } else {
                    doing = "stats";
                    count("stats");
                    checkSnapshot(pool.stats(), everMax, id);
                }
            }

            /** @param timeout null for the configured one */
            Fake acquire(Duration timeout) {
                String call = timeout == null ? "acquire()" : "acquire(" + timeout.toMillis() + "ms)";
                doing = call;
                count(timeout == null ? "acquire" : timeout.isZero() ? "acquire(0)" : "acquire(timeout)");
                long timeoutNanos = timeout == null ? acquireTimeoutNanos : timeout.toNanos();
                long start = System.nanoTime();
                Fake x;
                try {
                    x = timeout == null ? pool.acquire() : pool.acquire(timeout);
                } catch (Exception e) {
                    expect(e, call, start, timeoutNanos);
                    return null;
                }
                waited(start, timeoutNanos, call);
                use(x);
                return x;
            }

            /** Borrows {@code x} for a while, then releases or invalidates it. */
            void use(Fake x) {
                borrowed(x);
                hold();
                giveBack(x);
            }

            void borrowed(Fake x) {
                res.lent(x, id);
                acquires.increment();
            }

            void hold() {
                int h = r.nextInt(100);
                if (h >= 97) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20 + r.nextInt(60))); // a long loan
                } else if (h >= 50) {
                    LockSupport.parkNanos(r.nextInt(500_000));
                }
            }

            void giveBack(Fake x) {
                res.returning(x, id);
                if (r.nextInt(10) == 0) {
                    count("invalidate");
                    boolean open = !closing;
                    pool.invalidate(x);
                    if (open) {
                        invalidates.increment();
                    }
                } else {
                    count("release");
                    pool.release(x);
                    x.event("released");
                }
            }

            void acquireAsync() {
                doing = "acquireAsync";
                count("acquireAsync");
                long start = System.nanoTime();
                CompletableFuture<Fake> f = pool.acquireAsync();
                if (r.nextInt(4) == 0) {
                    count("acquireAsync+cancel");
                    if (f.cancel(false)) {
                        asyncCancelled.increment();
                        return;
                    }
                }
                Fake x = await(f, start, "acquireAsync");
                if (x != null) {
                    use(x);
                }
            }

            /** Waits (bounded, through interrupts) for an asynchronous acquire; @return its resource or null */
            <V> V await(CompletableFuture<V> f, long start, String call) {
                boolean interrupted = false;
                try {
                    for (;;) {
                        long left = start + acquireTimeoutNanos + HANG_NANOS - System.nanoTime();
                        try {
                            V v = f.get(left, TimeUnit.NANOSECONDS);
                            waited(start, acquireTimeoutNanos, call);
                            return v;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        } catch (TimeoutException e) {
                            violations.report(id + ": " + call + " not complete " + (System.nanoTime() - start) / 1_000_000
                                    + "ms after it started, timeout " + acquireTimeoutNanos / 1_000_000 + "ms");
                            if (!f.cancel(false)) {
                                continue;
                            }
                            return null;
                        } catch (ExecutionException e) {
                            expect(e.getCause(), call, start, acquireTimeoutNanos);
                            return null;
                        } catch (CancellationException e) {
                            return null;
                        }
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            void execute() {
                doing = "execute";
                count("execute");
                boolean fail = r.nextInt(3) == 0;
                long start = System.nanoTime();
                try {
                    String v = pool.execute(x -> {
                        borrowed(x);
                        try {
                            hold();
                            if (fail) {
                                faults.get(Fault.WORK_THROWS).increment();
                                throw new InjectedFault("work failed");
                            }
                            return "done";
                        } finally {
                            res.returning(x, id);
                        }
                    });
                    if (fail || !"done".equals(v)) {
                        violations.report(id + ": execute returned " + v + " though its work " + (fail ? "threw" : "returned done"));
                    }
                } catch (InjectedFault e) {
                    if (!fail || e.getSuppressed().length != 0) {
                        violations.report(id + ": execute threw a work failure", e);
                    }
                } catch (Exception e) {
                    expect(e, "execute", start, acquireTimeoutNanos);
                }
            }

            void executeAsync() {
                doing = "executeAsync";
                count("executeAsync");
                boolean fail = r.nextInt(3) == 0;
                long start = System.nanoTime();
                CompletableFuture<String> f = pool.executeAsync(x -> {
                    borrowed(x);
                    res.returning(x, id);
                    if (fail) {
                        faults.get(Fault.WORK_THROWS).increment();
                        return CompletableFuture.failedFuture(new InjectedFault("async work failed"));
                    }
                    return CompletableFuture.completedFuture("done");
                });
                boolean interrupted = false;
                try {
                    for (;;) {
                        try {
                            String v = f.get(acquireTimeoutNanos + HANG_NANOS, TimeUnit.NANOSECONDS);
                            if (fail || !"done".equals(v)) {
                                violations.report(id + ": executeAsync gave " + v + (fail ? " though its work failed" : ""));
                            }
                            return;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        } catch (TimeoutException e) {
                            violations.report(id + ": executeAsync not complete after " + (System.nanoTime() - start) / 1_000_000 + "ms");
                            return;
                        } catch (ExecutionException e) {
                            if (e.getCause() instanceof InjectedFault) {
                                if (!fail) {
                                    violations.report(id + ": executeAsync failed with a work failure", e);
                                }
                            } else {
                                expect(e.getCause(), "executeAsync", start, acquireTimeoutNanos);
                            }
                            return;
                        }
                    }
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            void lease() {
                doing = "lease";
                count("lease");
                long start = System.nanoTime();
                Lease<Fake> lease;
                try {
                    lease = pool.lease();
                } catch (Exception e) {
                    expect(e, "lease", start, acquireTimeoutNanos);
                    return;
                }
                waited(start, acquireTimeoutNanos, "lease");
                Fake x = lease.get();
                borrowed(x);
                hold();
                res.returning(x, id);
                if (r.nextInt(5) == 0) {
                    count("lease.invalidate");
                    boolean open = !closing;
                    lease.invalidate();
                    if (open) {
                        invalidates.increment();
                    }
                }
                lease.close();
                lease.close();
                try {
                    lease.get();
                    violations.report(id + ": lease.get() after the lease ended returned");
                } catch (IllegalStateException expected) {
                    // ended
                }
            }

            void holdTwo() {
                doing = "holdTwo";
                count("holdTwo");
                long start = System.nanoTime();
                long timeout = TimeUnit.MILLISECONDS.toNanos(30);
                Fake a;
                try {
                    a = pool.acquire(Duration.ofNanos(timeout));
                } catch (Exception e) {
                    expect(e, "acquire(30ms)", start, timeout);
                    return;
                }
                borrowed(a);
                Fake b = null;
                start = System.nanoTime();
                try {
                    b = pool.acquire(Duration.ofNanos(timeout));
                    borrowed(b);
                } catch (Exception e) {
                    expect(e, "second acquire(30ms)", start, timeout);
                }
                if (b != null) {
                    if (b == a) {
                        violations.report(id + ": the same resource lent twice to one borrower");
                    }
                    giveBack(b);
                }
                giveBack(a);
            }

            void initialize() {
                doing = "initialize";
                count("initialize");
                try {
                    pool.initialize();
                } catch (Exception e) {
                    expect(e, "initialize", System.nanoTime(), Long.MAX_VALUE / 2);
                }
            }

            void misuse() {
                doing = "misuse";
                count("misuse");
                switch (r.nextInt(4)) {
                    case 0 -> expectThrows(NullPointerException.class, "release(null)", () -> pool.release(null));
                    case 1 -> expectThrows(NullPointerException.class, "invalidate(null)", () -> pool.invalidate(null));
                    case 2 -> {
                        Fake foreign = new Fake(-1);
                        if (closing) {
                            try {
                                pool.release(foreign); // after close neither ever throws
                            } catch (IllegalArgumentException notYetClosed) {
                                count("misuse");
                            }
                        } else {
                            expectThrows(IllegalArgumentException.class, "release(foreign)", () -> pool.release(foreign));
                        }
                    }
                    default -> expectThrows(IllegalArgumentException.class, "acquire(-1ms)",
                            () -> pool.acquire(Duration.ofMillis(-1)));
                }
            }

            void expectThrows(Class<? extends Exception> expected, String call, ThrowingRunnable c) {
                try {
                    c.run();
                    violations.report(id + ": " + call + " did not throw " + expected.getSimpleName());
                } catch (Exception e) {
                    if (!expected.isInstance(e)) {
                        violations.report(id + ": " + call + " threw instead of " + expected.getSimpleName(), e);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
