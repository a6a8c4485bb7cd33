// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Contended hold: more threads than resources, each holding its resource for some work
 * ({@code Blackhole.consumeCPU(200)}) before it gives it back, so most borrows must wait for a
 * release. JMH measures throughput; each thread also counts its loans (fairness) and times every
 * {@link WaitSample#EVERY}th borrow exactly (wait percentiles). A borrow gives up after
 * {@code timeoutMillis} (5 s unless a smoke run shortens it); a timeout is counted, not thrown,
 * so a pool that starves a thread shows it.
 * When the trial ends the outcome goes to a file ({@link HoldOutcome}).
 */
@State(Scope.Benchmark)
public class HoldBench {

    /** How long a borrow may wait before it counts as a timeout, in a measuring run. */
    static final String TIMEOUT_MILLIS = "5000";

    /** The work done while holding a resource, in JMH's CPU tokens. */
    static final long HOLD_TOKENS = 200;

    /** Timed waits kept per thread: far more than a measurement takes at 1/32. */
    private static final int SAMPLE_CAPACITY = 1 << 18;

    @Param("2")
    public int size;

    @Param({"scopepool", "stormpot-never", "stormpot-default", "hikari-bag", "commons-pool2",
            "array-blocking-queue"})
    public String pool;

    /** How long a borrow may wait before it counts as a timeout. */
    @Param(TIMEOUT_MILLIS)
    public long timeoutMillis;

    private Lender lender;
    private final Queue<Borrower> borrowers = new ConcurrentLinkedQueue<>();

    @Setup(Level.Trial)
    public void open() throws Exception {
        lender = LenderKind.of(pool).open(size, Duration.ofMillis(timeoutMillis));
    }

    @TearDown(Level.Trial)
    public void report(BenchmarkParams params) throws Exception {
        try {
            List<Borrower> all = List.copyOf(borrowers);
            new HoldOutcome(LenderKind.of(pool), size, params.getThreads(),
                    all.stream().mapToLong(b -> b.loans).toArray(),
                    all.stream().mapToLong(b -> b.timeouts).sum(),
                    WaitPercentiles.of(all.stream().map(b -> b.waits.kept()).toList())).write();
        } finally {
            lender.close();
        }
    }

    /** One borrowing thread's counts. */
    @State(Scope.Thread)
    public static class Borrower {
        final WaitSample waits = new WaitSample(SAMPLE_CAPACITY);
        long loans;
        long timeouts;
        boolean measuring;

        @Setup(Level.Trial)
        public void join(HoldBench bench) {
            bench.borrowers.add(this);
        }

        /** Loans and waits count from the first measurement iteration on. */
        @Setup(Level.Iteration)
        public void startIteration(IterationParams iteration) {
            boolean measurement = iteration.getType() == IterationType.MEASUREMENT;
            if (measurement && !measuring) {
                loans = 0;
                waits.clear();
            }
            measuring = measurement;
        }
    }

    @Benchmark
    public void hold(Borrower me) throws Exception {
        boolean timed = me.waits.timeNext();
        long start = timed ? System.nanoTime() : 0;
        Object handle = lender.borrow();
        if (timed) {
            me.waits.record(System.nanoTime() - start);
        }
        if (handle == null) {
            me.timeouts++;
            return;
        }
        try {
            Blackhole.consumeCPU(HOLD_TOKENS);
        } finally {
            lender.giveBack(handle);
        }
        me.loans++;
    }
}
