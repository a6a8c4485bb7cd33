// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.Lease;
import dev.scopepool.impl.testkit.Fake;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** One thread of load on a round's pool: random operations of the whole API until the round is over, pausing when asked. */
final class StressWorker implements Runnable {
    static final int RUNNING = 0;
    static final int PARKED = 1;

    private final StressRound round;
    final Thread thread;
    final String id;
    final Random r;
    volatile String doing = "nothing";
    volatile int state = RUNNING;

    StressWorker(StressRound round, String id, long seed) {
        this.round = round;
        this.id = id;
        this.r = new Random(seed);
        this.thread = new Thread(this, "stress-worker-" + id);
        thread.setDaemon(true);
    }

    @Override
    public void run() {
        int afterClose = 0;
        while (!round.over) {
            if (round.pause) {
                parkWhilePaused();
                continue;
            }
            if (round.closing && ++afterClose > 50) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // enough calls on the closed round.pool
                continue;
            }
            try {
                step();
            } catch (Throwable e) {
                round.violations.report(id + " failed in " + doing, e);
            }
            doing = "nothing";
        }
    }

    private void parkWhilePaused() {
        state = PARKED;
        round.parked.incrementAndGet();
        while (round.pause && !round.over) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            Thread.interrupted(); // a stray interrupt from before the round.pause
        }
        round.parked.decrementAndGet();
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
            round.checkHealth(id);
        } else if (d < 81) {
            doing = "evictIdle";
            round.evictIdle();
        } else if (d < 83) {
            initialize();
        } else if (d < 88) {
            misuse();
        } else {
            doing = "stats";
            round.count("stats");
            round.invariants.checkSnapshot(round.pool.stats(), round.everMax, id);
        }
    }

    /** @param timeout null for the configured one */
    Fake acquire(Duration timeout) {
        String call = timeout == null ? "acquire()" : "acquire(" + timeout.toMillis() + "ms)";
        doing = call;
        round.count(timeout == null ? "acquire" : timeout.isZero() ? "acquire(0)" : "acquire(timeout)");
        long timeoutNanos = timeout == null ? round.acquireTimeoutNanos : timeout.toNanos();
        long start = System.nanoTime();
        Fake x;
        try {
            x = timeout == null ? round.pool.acquire() : round.pool.acquire(timeout);
        } catch (Exception e) {
            round.expect(e, call, start, timeoutNanos);
            return null;
        }
        round.waited(start, timeoutNanos, call);
        use(x);
        return x;
    }

    /** Borrows {@code x} for a while, then releases or round.invalidates it. */
    void use(Fake x) {
        borrowed(x);
        hold();
        giveBack(x);
    }

    void borrowed(Fake x) {
        round.res.lent(x, id);
        round.acquires.increment();
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
        round.res.returning(x, id);
        if (r.nextInt(10) == 0) {
            round.count("invalidate");
            boolean open = !round.closing;
            round.pool.invalidate(x);
            if (open) {
                round.invalidates.increment();
            }
        } else {
            round.count("release");
            round.pool.release(x);
            x.event("released");
        }
    }

    void acquireAsync() {
        doing = "acquireAsync";
        round.count("acquireAsync");
        long start = System.nanoTime();
        CompletableFuture<Fake> f = round.pool.acquireAsync();
        if (r.nextInt(4) == 0) {
            round.count("acquireAsync+cancel");
            if (f.cancel(false)) {
                round.asyncCancelled.increment();
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
                long left = start + round.acquireTimeoutNanos + StressRun.HANG_NANOS - System.nanoTime();
                try {
                    V v = f.get(left, TimeUnit.NANOSECONDS);
                    round.waited(start, round.acquireTimeoutNanos, call);
                    return v;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    round.violations.report(id + ": " + call + " not complete " + (System.nanoTime() - start) / 1_000_000
                            + "ms after it started, timeout " + round.acquireTimeoutNanos / 1_000_000 + "ms");
                    if (!f.cancel(false)) {
                        continue;
                    }
                    return null;
                } catch (ExecutionException e) {
                    round.expect(e.getCause(), call, start, round.acquireTimeoutNanos);
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
        round.count("execute");
        boolean fail = r.nextInt(3) == 0;
        long start = System.nanoTime();
        try {
            String v = round.pool.execute(x -> {
                borrowed(x);
                try {
                    hold();
                    if (fail) {
                        round.faults.get(Fault.WORK_THROWS).increment();
                        throw new InjectedFault("work failed");
                    }
                    return "done";
                } finally {
                    round.res.returning(x, id);
                }
            });
            if (fail || !"done".equals(v)) {
                round.violations.report(id + ": execute returned " + v + " though its work " + (fail ? "threw" : "returned done"));
            }
        } catch (InjectedFault e) {
            if (!fail || e.getSuppressed().length != 0) {
                round.violations.report(id + ": execute threw a work failure", e);
            }
        } catch (Exception e) {
            round.expect(e, "execute", start, round.acquireTimeoutNanos);
        }
    }

    void executeAsync() {
        doing = "executeAsync";
        round.count("executeAsync");
        boolean fail = r.nextInt(3) == 0;
        long start = System.nanoTime();
        CompletableFuture<String> f = round.pool.executeAsync(x -> {
            borrowed(x);
            round.res.returning(x, id);
            if (fail) {
                round.faults.get(Fault.WORK_THROWS).increment();
                return CompletableFuture.failedFuture(new InjectedFault("async work failed"));
            }
            return CompletableFuture.completedFuture("done");
        });
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    String v = f.get(round.acquireTimeoutNanos + StressRun.HANG_NANOS, TimeUnit.NANOSECONDS);
                    if (fail || !"done".equals(v)) {
                        round.violations.report(id + ": executeAsync gave " + v + (fail ? " though its work failed" : ""));
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    round.violations.report(id + ": executeAsync not complete after " + (System.nanoTime() - start) / 1_000_000 + "ms");
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InjectedFault) {
                        if (!fail) {
                            round.violations.report(id + ": executeAsync failed with a work failure", e);
                        }
                    } else {
                        round.expect(e.getCause(), "executeAsync", start, round.acquireTimeoutNanos);
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
        round.count("lease");
        long start = System.nanoTime();
        Lease<Fake> lease;
        try {
            lease = round.pool.lease();
        } catch (Exception e) {
            round.expect(e, "lease", start, round.acquireTimeoutNanos);
            return;
        }
        round.waited(start, round.acquireTimeoutNanos, "lease");
        Fake x = lease.get();
        borrowed(x);
        hold();
        round.res.returning(x, id);
        if (r.nextInt(5) == 0) {
            round.count("lease.invalidate");
            boolean open = !round.closing;
            lease.invalidate();
            if (open) {
                round.invalidates.increment();
            }
        }
        lease.close();
        lease.close();
        try {
            lease.get();
            round.violations.report(id + ": lease.get() after the lease ended returned");
        } catch (IllegalStateException expected) {
            // ended
        }
    }

    void holdTwo() {
        doing = "holdTwo";
        round.count("holdTwo");
        long start = System.nanoTime();
        long timeout = TimeUnit.MILLISECONDS.toNanos(30);
        Fake a;
        try {
            a = round.pool.acquire(Duration.ofNanos(timeout));
        } catch (Exception e) {
            round.expect(e, "acquire(30ms)", start, timeout);
            return;
        }
        borrowed(a);
        Fake b = null;
        start = System.nanoTime();
        try {
            b = round.pool.acquire(Duration.ofNanos(timeout));
            borrowed(b);
        } catch (Exception e) {
            round.expect(e, "second acquire(30ms)", start, timeout);
        }
        if (b != null) {
            if (b == a) {
                round.violations.report(id + ": the same resource lent twice to one borrower");
            }
            giveBack(b);
        }
        giveBack(a);
    }

    void initialize() {
        doing = "initialize";
        round.count("initialize");
        try {
            round.pool.initialize();
        } catch (Exception e) {
            round.expect(e, "initialize", System.nanoTime(), Long.MAX_VALUE / 2);
        }
    }

    void misuse() {
        doing = "misuse";
        round.count("misuse");
        switch (r.nextInt(4)) {
            case 0 -> expectThrows(NullPointerException.class, "release(null)", () -> round.pool.release(null));
            case 1 -> expectThrows(NullPointerException.class, "invalidate(null)", () -> round.pool.invalidate(null));
            case 2 -> releaseForeign();
            default -> expectThrows(IllegalArgumentException.class, "acquire(-1ms)",
                    () -> round.pool.acquire(Duration.ofMillis(-1)));
        }
    }

    /**
     * Releases a resource the pool never lent. Whether it must throw depends on whether the
     * pool was closed, which the controller may do at any moment: so the verdict comes from
     * what was observed around the call, never from a flag read before it. Closed before the
     * call: it must not throw. Still open after the call: it must have thrown. Closed during
     * the call: either is right.
     */
    void releaseForeign() {
        Fake foreign = new Fake(-1);
        boolean closedBefore = round.pool.isClosed();
        try {
            round.pool.release(foreign);
        } catch (IllegalArgumentException e) {
            if (closedBefore) {
                round.violations.report(id + ": release(foreign) threw after close", e);
            }
            return;
        } catch (RuntimeException e) {
            round.violations.report(id + ": release(foreign) threw instead of IllegalArgumentException", e);
            return;
        }
        if (!round.pool.isClosed()) {
            round.violations.report(id + ": release(foreign) did not throw IllegalArgumentException on an open pool");
        }
    }

    void expectThrows(Class<? extends Exception> expected, String call, StressWorker.Call c) {
        try {
            c.run();
            round.violations.report(id + ": " + call + " did not throw " + expected.getSimpleName());
        } catch (Exception e) {
            if (!expected.isInstance(e)) {
                round.violations.report(id + ": " + call + " threw instead of " + expected.getSimpleName(), e);
            }
        }
    }

    /** A call expected to throw. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }
}
