// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.impl.testkit.Poll;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The stress harness: round after round, a fresh pool with a randomly drawn configuration and
 * {@link FaultPlan} is driven by worker threads doing random operations of the whole API, while
 * a controller thread resizes, suspends, resumes, interrupts, checks health and evicts. Between
 * phases the workers pause and the pool must become quiet with every counter adding up; each
 * round ends with {@code close} (or {@code cancel}) under load, after which every resource must
 * have been destroyed exactly once and no thread of the pool may be left.
 *
 * <p>The parts: {@link StressSettings} (what to run), {@link StressRound} (one pool's life and
 * its controller), {@link StressWorker} (the load), {@link SnapshotWatcher} (the concurrent
 * reader), {@link RoundInvariants} (what must hold), {@link FaultyResources} (the misbehaving
 * resources and their ledger), {@link StressReport} (what came out). This class runs the rounds
 * and keeps what they share: the counts, the violations, and the judging of late calls.
 *
 * <p>Checked all the time: no resource lent to two borrowers, nor after its destruction, nor
 * destroyed or health-checked while lent (see {@link FaultyResources}); no call fails in a way
 * the contract does not allow; {@code total + creating} and {@code available + inUse} never
 * above the bound in force (the largest max since the last quiet point, because a shrink lets
 * borrowed surplus stay out until it is returned); no acquirer, asynchronous or not, and no
 * {@code checkHealth}, returns later than its timeout plus the overshoot bound; no worker hangs.
 */
final class StressRun {

    /** Beyond every timeout of a round: a call not back after this much more is hung. */
    static final long HANG_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long THREAD_EXIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** How far past its shutdown timeout (and the destroys it runs) close may return: its threads' grace. */
    static final long CLOSE_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final StressSettings settings;
    final long overshootBoundNanos;
    final long quietLimitNanos;
    final Violations violations = new Violations();
    final Map<String, LongAdder> ops = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    final AtomicLong lateCallCount = new AtomicLong();
    volatile String maxOvershootCall = "none";
    final Map<Fault, LongAdder> faults = new EnumMap<>(Fault.class);
    final AtomicLong ids = new AtomicLong();
    final AtomicLong maxOvershootNanos = new AtomicLong();
    private final AtomicLong maxUnexplainedNanos = new AtomicLong();
    /** The most threads any pool had at once, as its watcher counted them. */
    final AtomicInteger mostPoolThreads = new AtomicInteger();
    /** Calls that overshot the bound, to be judged once the lag meter has seen their window. */
    final java.util.Queue<Late> lateCalls = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private SchedulerLag lag;

    /** A call that returned {@code overshoot} nanoseconds after its timeout. */
    record Late(String call, long start, long end, long overshoot) {
    }

    StressRun(StressSettings settings) {
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
                new StressRound(this, rounds, r.nextLong()).run();
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
                lag.maxLagNanos() / 1e6, settings.overshootBoundMillis(), mostPoolThreads.get());
    }

    /**
     * Judges the calls that overshot the bound and ended before {@code endedBefore}: a violation
     * unless the machine stalled this JVM's threads for most of it meanwhile.
     */
    void judgeLateCalls(long endedBefore) {
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

    void count(String op) {
        ops.computeIfAbsent(op, k -> new LongAdder()).increment();
    }

    /** Counts how calls ended (other than normally) and the checkpoints passed. */
    void outcome(String what) {
        outcomes.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    static List<String> liveThreads(String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
