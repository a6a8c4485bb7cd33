// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import dev.scopepool.spi.CreationPermits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Callers on several budgets (standing for JVMs) that take a permit, hold it for a moment of
 * simulated work, and give it back, until stopped. Counts grants and records any failure.
 */
final class FleetLoad implements AutoCloseable {

    private final HeldCount held = new HeldCount();
    private final AtomicLong grants = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    FleetLoad(List<? extends CreationPermits> budgets, int callersPerBudget) {
        for (CreationPermits budget : budgets) {
            for (int i = 0; i < callersPerBudget; i++) {
                Thread t = new Thread(() -> work(budget), "fleet-load-" + threads.size());
                t.setDaemon(true);
                threads.add(t);
            }
        }
        threads.forEach(Thread::start);
    }

    private void work(CreationPermits budget) {
        try {
            while (running) {
                CreationPermits.Permit permit = budget.take(Duration.ofMillis(200));
                if (permit == null) {
                    continue;
                }
                held.took();
                grants.incrementAndGet();
                // Held long enough (5-30 ms) that callers pile up behind a saturated budget.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextInt(5, 30)));
                held.returning();
                permit.close();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /**
     * Takes every permit of the budget on purpose, spread over its members, then checks that
     * not one more is granted, and gives them all back. Whether a load happened to hold every
     * permit at once depends on how fast the machine answers; this does not.
     */
    static void assertSaturates(List<? extends CreationPermits> budgets, int fleetMax) throws InterruptedException {
        List<CreationPermits.Permit> all = new ArrayList<>();
        try {
            for (int i = 0; i < fleetMax; i++) {
                CreationPermits.Permit p = budgets.get(i % budgets.size()).take(Duration.ofSeconds(30));
                if (p == null) {
                    throw new AssertionError("permit " + (i + 1) + " of " + fleetMax + " was not granted within 30 s");
                }
                all.add(p);
            }
            if (budgets.get(0).take(Duration.ofMillis(500)) != null) {
                throw new AssertionError("a permit was granted past the budget of " + fleetMax);
            }
        } finally {
            all.forEach(CreationPermits.Permit::close);
        }
    }

    HeldCount held() {
        return held;
    }

    long grants() {
        return grants.get();
    }

    /** Waits, bounded, until at least {@code more} further grants happened. */
    void awaitGrants(long more, Duration limit) {
        long target = grants() + more;
        Poll.until(target + " grants (now " + grants() + ")", limit, () -> grants() >= target);
    }

    /** Stops the callers, waits for them, and rethrows the first failure one of them hit. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the load", e);
            }
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " still running 10s after the load stopped");
            }
        }
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("a caller failed", t);
        }
    }
}
