// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;

/**
 * Measures one pool in one {@link VirtualThreadScenario}: an unmeasured warm-up round, then the
 * measured round under a JFR recording of {@code jdk.VirtualThreadPinned} (every event, however
 * short). Every borrow is timed, timed-out and failed ones included. A loan is held as its
 * {@link VirtualThreadFamily} says. A borrow that fails (throws) is counted and the thread goes
 * on; the first failure is logged.
 *
 * <p>As a program (one fresh JVM per pool, so no pool inherits another's JIT profile or heap):
 * {@code VirtualThreadRun POOL THREADS LOANS_EACH WARM_UP_LOANS_EACH OUTCOME_FILE}, where POOL is
 * a token pool's key ({@code scopepool}, {@code hikari-bag}, …) or a data source's
 * ({@code jdbc-scopepool}, {@code jdbc-hikaricp}, {@code jdbc-agroal}, {@code jdbc-dbcp2}).
 */
public final class VirtualThreadRun {

    private static final System.Logger LOG = System.getLogger(VirtualThreadRun.class.getName());
    private static final String PINNED_EVENT = "jdk.VirtualThreadPinned";
    /** Far beyond any healthy round (a few seconds), short enough not to hang a CI job. */
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(3);

    private VirtualThreadRun() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: VirtualThreadRun POOL THREADS LOANS_EACH WARM_UP_LOANS_EACH OUTCOME_FILE");
            System.exit(2);
        }
        VirtualThreadScenario scenario = new VirtualThreadScenario(Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        VirtualThreadFamily family = VirtualThreadFamily.owning(args[0]);
        measure(family, family.pool(args[0]), scenario).write(Path.of(args[4]));
    }

    static VirtualThreadOutcome measure(VirtualThreadFamily family, MeasuredPool pool, VirtualThreadScenario scenario)
            throws Exception {
        Lender lender = pool.open(VirtualThreadScenario.POOL_SIZE, VirtualThreadScenario.TIMEOUT);
        try (Recording recording = new Recording()) {
            if (scenario.warmUpLoansEach() > 0) {
                Round warmUp = new Round(lender, family.hold, scenario.threads(), scenario.warmUpLoansEach());
                warmUp.run();
                warmUp.logFailedBorrows(pool, "warm-up");
            }
            recording.enable(PINNED_EVENT).withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            Round round = new Round(lender, family.hold, scenario.threads(), scenario.loansEach());
            long elapsed = round.run();
            recording.stop();
            round.logFailedBorrows(pool, "measured round");
            return new VirtualThreadOutcome(pool, scenario.threads(), round.loans(), round.timeouts.get(),
                    round.failures.get(), elapsed, WaitPercentiles.of(round.waits()), pinnedEvents(recording));
        } finally {
            lender.close();
        }
    }

    private static long pinnedEvents(Recording recording) throws Exception {
        Path file = Files.createTempFile("pool-bench-pinned", ".jfr");
        try {
            recording.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(PINNED_EVENT)).count();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Every thread borrows, waits while holding, gives back; all start together. */
    private static final class Round {
        private final Lender lender;
        private final LoanHold hold;
        private final int threads;
        private final int loansEach;
        private final long[][] waits;
        private final AtomicLong timeouts = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<Exception> firstFailedBorrow = new AtomicReference<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Round(Lender lender, LoanHold hold, int threads, int loansEach) {
            this.lender = lender;
            this.hold = hold;
            this.threads = threads;
            this.loansEach = loansEach;
            this.waits = new long[threads][loansEach];
        }

        /** @return nanoseconds from the common start until the last thread finished */
        long run() throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            Thread[] borrowers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int me = t;
                borrowers[t] = Thread.ofVirtual().name("borrower-" + t).start(() -> borrow(start, waits[me]));
            }
            long began = System.nanoTime();
            start.countDown();
            long deadline = began + ROUND_LIMIT.toNanos();
            for (Thread borrower : borrowers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !borrower.join(Duration.ofNanos(left))) {
                    throw new IllegalStateException("round did not finish within " + ROUND_LIMIT);
                }
            }
            long elapsed = System.nanoTime() - began;
            if (failure.get() != null) {
                throw new IllegalStateException("a borrower failed", failure.get());
            }
            return elapsed;
        }

        private void borrow(CountDownLatch start, long[] myWaits) {
            try {
                start.await();
                for (int i = 0; i < loansEach; i++) {
                    long asked = System.nanoTime();
                    Object handle;
                    try {
                        handle = lender.borrow();
                    } catch (Exception e) {
                        myWaits[i] = System.nanoTime() - asked;
                        failures.incrementAndGet();
                        firstFailedBorrow.compareAndSet(null, e);
                        continue;
                    }
                    myWaits[i] = System.nanoTime() - asked;
                    if (handle == null) {
                        timeouts.incrementAndGet();
                        continue;
                    }
                    try {
                        hold.hold();
                    } finally {
                        lender.giveBack(handle);
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }

        void logFailedBorrows(MeasuredPool pool, String round) {
            Exception first = firstFailedBorrow.get();
            if (first != null) {
                LOG.log(System.Logger.Level.WARNING, pool.label() + ", " + round + ": " + failures.get() + " of "
                        + (long) threads * loansEach + " borrows failed; the first:", first);
            }
        }

        long loans() {
            return (long) threads * loansEach - timeouts.get() - failures.get();
        }

        /** Every borrow's wait, timed-out and failed ones included. */
        long[] waits() {
            return Arrays.stream(waits).flatMapToLong(Arrays::stream).toArray();
        }
    }
}
