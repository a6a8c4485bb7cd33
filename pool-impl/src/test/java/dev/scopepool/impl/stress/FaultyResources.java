// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.HealthCheck;
import dev.scopepool.PoolConfig;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.ResourceDestroyer;
import dev.scopepool.ResourceFactory;
import dev.scopepool.impl.testkit.Fake;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The factory, destroyer and health check of one stress round, misbehaving as its
 * {@link FaultPlan} says, and the ledger of every resource it made: who borrows it now, how
 * often it was destroyed and checked. Whether the n-th call of a kind misbehaves follows from
 * the run's seed and n alone.
 *
 * <p>It reports at once what only a broken pool could make it see: a resource destroyed twice,
 * destroyed or health-checked while a borrower holds it (before close), checked after its
 * destruction, lent twice at once, or lent after its destruction.
 */
final class FaultyResources implements ResourceFactory<Fake>, ResourceDestroyer<Fake>, HealthCheck<Fake> {

    private final FaultPlan plan;
    private final long seed;
    private final AtomicLong ids;
    private final Violations violations;
    private final Map<Fault, LongAdder> faults;
    private final Map<Long, Fake> created = new ConcurrentHashMap<>();
    private final Map<Long, String> borrowedBy = new ConcurrentHashMap<>();
    private final AtomicLong createSeq = new AtomicLong();
    private final AtomicLong destroySeq = new AtomicLong();
    private final AtomicLong checkSeq = new AtomicLong();

    final LongAdder createOk = new LongAdder();
    final LongAdder createFailed = new LongAdder();
    final LongAdder destroyCalls = new LongAdder();
    final LongAdder destroyFailed = new LongAdder();
    final LongAdder checkCalls = new LongAdder();
    /** Checks that answered unhealthy, threw or hung: each must count in {@code stats().unhealthy()}. */
    final LongAdder checkFailed = new LongAdder();

    /** Set before the pool is closed: from then on a held resource may be force-destroyed. */
    volatile boolean closing;
    /**
     * While set, nothing misbehaves: the harness sets it at quiet points, where the pool must
     * settle, which a health check hanging again every few milliseconds would never let it do.
     */
    volatile boolean calm;
    /** While set (and not calm), every create fails: the backend is down. */
    volatile boolean outage;
    /** The round's lifecycle limits, for the checks on every loan: 0 when off. */
    private final long maxLifetimeNanos;
    private final int maxUses;
    /** How late after a lend a borrower may see it (preemption between the two). */
    private final long lendSeenLateNanos;
    private final Map<Long, Integer> loans = new ConcurrentHashMap<>();

    FaultyResources(FaultPlan plan, long seed, AtomicLong ids, Violations violations, Map<Fault, LongAdder> faults,
            PoolConfig<?> limits, long lendSeenLateNanos) {
        this.maxLifetimeNanos = limits.maxLifetime().toNanos();
        this.maxUses = limits.maxUses();
        this.lendSeenLateNanos = lendSeenLateNanos;
        this.plan = plan;
        this.seed = seed;
        this.ids = ids;
        this.violations = violations;
        this.faults = faults;
    }

    @Override
    public Fake create() throws Exception {
        long n = createSeq.incrementAndGet();
        try {
            if (outage && !calm) {
                fault(Fault.BACKEND_DOWN);
                throw new InjectedFault("create #" + n + " failed: backend down");
            }
            double dice = calm ? 1 : dice(1, n);
            double p = 0;
            if (dice < (p += plan.createThrows())) {
                fault(Fault.CREATE_THROWS);
                throw new InjectedFault("create #" + n + " failed");
            }
            if (dice < (p += plan.createReturnsNull())) {
                fault(Fault.CREATE_RETURNS_NULL);
                createFailed.increment(); // the pool counts a null as a failed creation
                return null;
            }
            if (dice < (p += plan.createSlow())) {
                fault(Fault.CREATE_SLOW);
                stall(1 + (long) (dice(2, n) * plan.slowMillis()));
            } else if (dice < (p += plan.createHangs())) {
                fault(Fault.CREATE_HANGS);
                stall(plan.hangMillis());
            } else if (dice < (p += plan.createNeverReturns())) {
                fault(Fault.CREATE_NEVER_RETURNS);
                untilInterrupted();
            } else if (dice < p + plan.createIgnoresInterrupts()) {
                fault(Fault.CREATE_IGNORES_INTERRUPTS);
                ignoringInterrupts(plan.stubbornCreateMillis());
            }
        } catch (Exception e) {
            createFailed.increment();
            throw e;
        }
        Fake r = new Fake(ids.incrementAndGet());
        r.createdAtNanos = System.nanoTime();
        created.put(r.id, r);
        createOk.increment();
        return r;
    }

    @Override
    public void destroy(Fake r) throws Exception {
        destroyCalls.increment();
        int times = r.destroys.incrementAndGet();
        if (times != 1) {
            violations.report(r + " destroyed " + times + " times");
        }
        if (created.get(r.id) != r) {
            violations.report(r + " destroyed but never created by this round's factory");
        }
        String holder = borrowedBy.get(r.id);
        if (holder != null && !closing) {
            violations.report(r + " destroyed while " + holder + " holds it");
        }
        long n = destroySeq.incrementAndGet();
        double dice = calm ? 1 : dice(3, n);
        if (dice < plan.destroySlow()) {
            fault(Fault.DESTROY_SLOW);
            pause(1 + (long) (dice(4, n) * plan.slowMillis()));
        } else if (dice < plan.destroySlow() + plan.destroyHangs()) {
            fault(Fault.DESTROY_HANGS);
            pause(plan.hangMillis());
        }
        if (!calm && dice(5, n) < plan.destroyThrows()) {
            fault(Fault.DESTROY_THROWS);
            destroyFailed.increment();
            throw new InjectedFault("destroy of " + r + " failed");
        }
    }

    @Override
    public HealthCheckResult check(Fake r) throws Exception {
        checkCalls.increment();
        r.checks.incrementAndGet();
        r.event("check");
        String holder = borrowedBy.get(r.id);
        if (holder != null) {
            violations.report(r + " health-checked while " + holder + " holds it");
        }
        if (r.destroys.get() != 0) {
            violations.report(r + " health-checked after it was destroyed");
        }
        long n = checkSeq.incrementAndGet();
        double dice = calm ? 1 : dice(6, n);
        double p = 0;
        if (dice < (p += plan.checkUnhealthy())) {
            fault(Fault.CHECK_UNHEALTHY);
            checkFailed.increment();
            return HealthCheckResult.unhealthy("injected: " + r + " is unhealthy");
        }
        if (dice < (p += plan.checkThrows())) {
            fault(Fault.CHECK_THROWS);
            checkFailed.increment();
            throw new InjectedFault("check of " + r + " failed");
        }
        if (dice < (p += plan.checkHangs())) {
            fault(Fault.CHECK_HANGS);
            checkFailed.increment();
            stall(plan.hangMillis());
        } else if (dice < (p += plan.checkNeverReturns())) {
            fault(Fault.CHECK_NEVER_RETURNS);
            checkFailed.increment();
            untilInterrupted();
        } else if (dice < p + plan.checkIgnoresInterrupts()) {
            fault(Fault.CHECK_IGNORES_INTERRUPTS);
            checkFailed.increment();
            ignoringInterrupts(plan.stubbornCheckMillis());
        }
        r.event("check ok");
        return HealthCheckResult.ok();
    }

    /** A borrower got {@code r} from the pool: it must be this round's, live, and held by nobody else. */
    void lent(Fake r, String borrower) {
        if (r == null) {
            violations.report(borrower + " was lent null");
            return;
        }
        if (created.get(r.id) != r) {
            violations.report(borrower + " was lent " + r + ", which this round's factory never made");
        }
        if (r.destroys.get() != 0 && !closing) {
            // During close a loan may be destroyed as soon as it is made (shutdownTimeout 0).
            violations.report(borrower + " was lent " + r + " after its destruction");
        }
        r.event("lent");
        checkLifecycleLimits(r, borrower);
        String other = borrowedBy.putIfAbsent(r.id, borrower);
        if (other != null) {
            violations.report(r + " lent to " + borrower + " while " + other + " holds it");
        }
    }

    /** A loan must come before the resource's deadline and within its allowed number of uses. */
    private void checkLifecycleLimits(Fake r, String borrower) {
        long age = System.nanoTime() - r.createdAtNanos;
        if (maxLifetimeNanos > 0 && age > maxLifetimeNanos + lendSeenLateNanos) {
            violations.report(borrower + " was lent " + r + " at an age of " + age / 1_000_000 + "ms, past maxLifetime "
                    + maxLifetimeNanos / 1_000_000 + "ms");
        }
        int uses = loans.merge(r.id, 1, Integer::sum);
        if (maxUses > 0 && uses > maxUses) {
            violations.report(borrower + " was lent " + r + " for the " + uses + "th time, past maxUses " + maxUses);
        }
    }

    /** A borrower is about to give {@code r} back (release, invalidate, end of execute or lease). */
    void returning(Fake r, String borrower) {
        r.event("returning");
        if (!borrowedBy.remove(r.id, borrower)) {
            violations.report(borrower + " returns " + r + " it does not hold (held by " + borrowedBy.get(r.id) + ")");
        }
    }

    int borrowedCount() {
        return borrowedBy.size();
    }

    int createdCount() {
        return created.size();
    }

    /** @return resources created and not destroyed exactly once, described; empty when all are */
    String notDestroyedOnce() {
        StringBuilder wrong = new StringBuilder();
        for (Fake r : created.values()) {
            int d = r.destroys.get();
            if (d != 1 && wrong.length() < 500) {
                wrong.append(r).append(" destroyed ").append(d).append(" times; ");
            }
        }
        return wrong.toString();
    }

    /** @return the resources not destroyed yet, with their borrowers and check counts, for a report */
    String describeLive() {
        StringBuilder b = new StringBuilder("live per the factory:");
        for (Fake r : created.values()) {
            if (r.destroys.get() == 0 && b.length() < 600) {
                b.append(' ').append(r).append(r.events()).append("(checks ").append(r.checks.get())
                        .append(borrowedBy.containsKey(r.id) ? ", held by " + borrowedBy.get(r.id) : "").append(')');
            }
        }
        return b.toString();
    }

    long liveCount() {
        return created.values().stream().filter(r -> r.destroys.get() == 0).count();
    }

    private void fault(Fault kind) {
        faults.get(kind).increment();
    }

    /** A uniform draw in [0, 1) from the seed, the kind of call and its sequence number (SplitMix64). */
    private double dice(long kind, long n) {
        long z = seed + kind * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** Stalls like a slow or hung resource: for the given time, or until interrupted. */
    static void stall(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while stalling");
            }
        }
    }

    /** Hangs like a call that never returns on its own: until its thread is interrupted. */
    private static void untilInterrupted() throws InterruptedException {
        for (;;) {
            LockSupport.park();
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while hanging");
            }
        }
    }

    /** Hangs like a driver stuck in a read: interrupts do not end it (they stay set for after). */
    private static void ignoringInterrupts(long millis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stalls like a slow destroy that cannot be cut short: an interrupt ends it early but stays set. */
    private static void pause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left; (left = deadline - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted(); ) {
            LockSupport.parkNanos(left);
        }
    }
}
