// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.PoolStats;
import java.util.Arrays;

/**
 * What must hold of a round's pool: for every snapshot, at a quiet point (every counter adding
 * up against the borrowers' and the factory's own ledgers), and after close. Each check returns
 * what is wrong, or reports it, with the engine's view attached for the failure report.
 */
final class RoundInvariants {

    private final StressRound round;

    RoundInvariants(StressRound round) {
        this.round = round;
    }

    void checkSnapshot(PoolStats s, int bound, String who) {
        if (s.total() < 0 || s.available() < 0 || s.inUse() < 0 || s.creating() < 0 || s.waiting() < 0) {
            round.violations.report(round.name + ": negative count in " + s);
        }
        if (s.total() + s.creating() > bound) {
            round.violations.report(round.name + ": total + creating above " + bound + " (seen by " + who + "): " + s);
        }
        if (s.available() + s.inUse() > bound) {
            round.violations.report(round.name + ": available + inUse above " + bound + " (seen by " + who + "): " + s);
        }
        if (s.waiting() > round.workers.size()) {
            round.violations.report(round.name + ": " + s.waiting() + " waiting with only " + round.workers.size() + " acquirers: " + s);
        }
        if (s.waiting() > round.maxWaiters) {
            round.violations.report(round.name + ": " + s.waiting() + " waiting, above maxWaiters " + round.maxWaiters + ": " + s);
        }
    }

    /** @return null if the paused round.pool is quiet and every counter adds up, else what is wrong */
    String quietProblem() {
        PoolStats s = round.pool.stats();
        long acq = round.acquires.sum();
        long inv = round.invalidates.sum();
        String wrong = s.waiting() != 0 ? "someone waits"
                : s.creating() != 0 ? "a creation runs"
                : s.inUse() != 0 ? "a resource is in use though every borrower gave it back"
                : s.total() != s.available() + s.inUse() ? "total != available + inUse"
                : s.total() > round.max ? "total above round.max " + round.max
                : s.total() < round.min ? "total below round.min " + round.min
                : s.down() ? "still down though creations succeed"
                : s.rejected() != round.rejectedSeen.sum() ? "rejected != the " + round.rejectedSeen.sum() + " the acquirers saw"
                : s.created() - s.destroyed() != s.total() ? "created - destroyed != total"
                : s.acquired() - s.released() - s.invalidated() != s.inUse()
                        ? "acquired - released - invalidated != inUse"
                : s.created() != round.res.createOk.sum() ? "created != the factory's " + round.res.createOk.sum()
                // A given-up create counts as failed at once, whatever its call does later.
                : s.createFailures() < round.res.createFailed.sum() || s.createFailures() > round.res.createFailed.sum() + s.abandoned()
                        ? "createFailures not within the factory's " + round.res.createFailed.sum() + " + abandoned"
                : s.destroyed() != round.res.destroyCalls.sum() ? "destroyed != destroy calls " + round.res.destroyCalls.sum()
                : s.destroyFailures() != round.res.destroyFailed.sum()
                        ? "destroyFailures != failed destroys " + round.res.destroyFailed.sum()
                : s.invalidated() != inv ? "invalidated != the borrowers' " + inv
                : s.acquired() < acq ? "acquired below the borrowers' " + acq
                : s.acquired() - acq != s.released() - (acq - inv)
                        ? "loans not seen by a borrower (" + (s.acquired() - acq) + ") != releases not made by one ("
                                + (s.released() - (acq - inv)) + ")"
                : round.res.liveCount() != s.total() ? "the factory's live count " + round.res.liveCount() + " != total"
                : round.res.borrowedCount() != 0 ? round.res.borrowedCount() + " still marked borrowed"
                : s.retiredByAge() + s.retiredByIdle() + s.retiredByUses() > s.destroyed()
                        ? "more retired by lifecycle policies than destroyed"
                : s.retiredByAge() > 0 && round.pool.config().maxLifetime().isZero() ? "retired by age without maxLifetime"
                : s.retiredByIdle() > 0 && round.pool.config().idleTimeout().isZero() ? "retired by idleness without idleTimeout"
                : s.retiredByUses() > 0 && round.pool.config().maxUses() == 0 ? "retired by uses without maxUses"
                : s.unhealthy() < round.res.checkFailed.sum() ? "unhealthy below the failing checks " + round.res.checkFailed.sum()
                : s.unhealthy() > round.res.checkCalls.sum() ? "unhealthy above the checks made " + round.res.checkCalls.sum()
                // A timer may time out an async acquire its owner cancelled at the same moment.
                : s.timeouts() < round.timeoutsSeen.sum() || s.timeouts() > round.timeoutsSeen.sum() + round.asyncCancelled.sum()
                        ? "timeouts != the " + round.timeoutsSeen.sum() + " the acquirers saw (+ up to "
                                + round.asyncCancelled.sum() + " cancelled async round.acquires)"
                : null;
        return wrong == null ? null : wrong + ": " + s + "; " + round.res.describeLive() + "; slot states " + engineView();
    }

    /**
     * The engine's slots and their states (0 idle, 1 borrowed, 2 reserved, 3 removed) and the
     * round.pool's threads with their stacks: read by reflection, for failure reports only.
     */
    String engineView() {
        try {
            java.lang.reflect.Method bm = round.pool.getClass().getDeclaredMethod("bag");
            bm.setAccessible(true);
            Object bag = bm.invoke(round.pool);
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
                if (e.getKey().getName().startsWith("scopepool-" + round.name)) {
                    b.append("\n").append(e.getKey().getName()).append(' ').append(Arrays.toString(e.getValue()));
                }
            }
            b.append("\nallocator: ").append(fields(field(round.pool, "allocator"), "fillBackingOff", "refillScheduled",
                    "started")).append(", creations: ").append(fields(field(field(round.pool, "allocator"), "line"),
                    "running", "abandonedRunning"))
                .append("queued=").append(call(field(field(round.pool, "allocator"), "line"), "queued"));
            return b.toString();
        } catch (ReflectiveOperationException e) {
            return e.toString();
        }
    }

    String closedProblem() {
        PoolStats s = round.pool.stats();
        String wrong = s.total() != 0 ? "total != 0"
                : s.creating() != 0 ? "creating != 0"
                : s.available() != 0 || s.inUse() != 0 || s.waiting() != 0 ? "available, inUse or waiting != 0"
                : s.created() != s.destroyed() ? "created != destroyed"
                : s.created() != round.res.createOk.sum() ? "created != the factory's " + round.res.createOk.sum()
                : s.destroyed() != round.res.destroyCalls.sum() ? "destroyed != destroy calls " + round.res.destroyCalls.sum()
                : s.destroyFailures() != round.res.destroyFailed.sum()
                        ? "destroyFailures != failed destroys " + round.res.destroyFailed.sum()
                : s.acquired() - s.released() - s.invalidated() != 0 ? "acquired - released - invalidated != 0"
                : round.res.borrowedCount() != 0 ? round.res.borrowedCount() + " still marked borrowed"
                : null;
        return wrong == null ? null : wrong + ": " + s;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** Calls a no-argument method of an engine object: for state only its own lock may read. */
    private static Object call(Object o, String method) throws ReflectiveOperationException {
        java.lang.reflect.Method m = o.getClass().getDeclaredMethod(method);
        m.setAccessible(true);
        return m.invoke(o);
    }

    /** @return the named fields of an engine object, for failure reports (plain or volatile ones only) */
    private static String fields(Object o, String... names) throws ReflectiveOperationException {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(n).append('=').append(field(o, n)).append(' ');
        }
        return b.toString();
    }
}
