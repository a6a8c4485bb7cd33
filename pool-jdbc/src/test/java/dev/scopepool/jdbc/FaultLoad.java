// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntPredicate;

/**
 * A steady load of worker threads through a data source while a fault test breaks the database
 * under it, and a watcher counting the pool's sessions at the server.
 *
 * <p>Each loan runs {@code SELECT pg_backend_pid()}, which is the check that the connection lent
 * is live. The test marks the windows in which every lent connection must be live
 * ({@link #expectLive(boolean)}); a loan counts against that only if it began and ended in one
 * such window, so a statement in flight when the fault struck may fail. While lent, the driver's
 * connection is in a set: finding it there already means it was lent twice.
 *
 * <p>The watcher counts the sessions the pool holds: those of its name at the server, less any
 * whose client the test knows is gone (a test that runs the pool through a proxy knows when the
 * pool closed a connection; the server lists the session a moment longer, and after a network
 * stall until traffic flows again).
 */
final class FaultLoad implements AutoCloseable {

    private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final ScopepoolDataSource ds;
    private final String adminUrl;
    private final String poolName;
    private final IntPredicate clientGone;
    private final long start = System.nanoTime();
    private final AtomicLongArray successes;
    private final Set<Object> lent = ConcurrentHashMap.newKeySet();
    private final List<Thread> workers = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean running = true;
    private volatile boolean live = true;
    private final AtomicLong epoch = new AtomicLong();

    final AtomicLong loans = new AtomicLong();
    final AtomicLong loanFailures = new AtomicLong();
    final AtomicLong acquireFailures = new AtomicLong();
    final AtomicLong deadLends = new AtomicLong();
    final AtomicLong lentTwice = new AtomicLong();
    final AtomicLong maxAcquireNanos = new AtomicLong();
    final AtomicLong maxStatementNanos = new AtomicLong();
    final AtomicInteger maxSessions = new AtomicInteger();
    final AtomicLong lastSuccessNanos = new AtomicLong();
    /** The longest failed getConnection() among those begun from {@link #watchFailuresFrom}. */
    final AtomicLong maxWatchedFailureNanos = new AtomicLong();
    final AtomicLong watchedFailures = new AtomicLong();
    volatile long watchFailuresFrom = Long.MAX_VALUE;
    final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<SQLException> acquireErrors = new ConcurrentLinkedQueue<>();

    /**
     * @param adminUrl where the watcher logs in to count sessions: the server itself, never a proxy
     * @param maxRun the longest the load may run (sizes the throughput record)
     */
    FaultLoad(ScopepoolDataSource ds, String adminUrl, int threads, Duration maxRun) {
        this(ds, adminUrl, threads, maxRun, clientPort -> false);
    }

    /**
     * @param clientGone whether the session with this {@code client_port} at the server belongs to
     *     a connection whose client end is already closed (not counted)
     */
    FaultLoad(ScopepoolDataSource ds, String adminUrl, int threads, Duration maxRun, IntPredicate clientGone) {
        this.clientGone = clientGone;
        this.ds = ds;
        this.adminUrl = adminUrl;
        this.poolName = ds.name();
        this.successes = new AtomicLongArray((int) (maxRun.toNanos() / BUCKET_NANOS) + 1);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, poolName + "-load-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        watcher = new Thread(this::watch, poolName + "-watcher");
        watcher.setDaemon(true);
        watcher.start();
        workers.forEach(Thread::start);
    }

    /** Opens or closes a window in which every connection lent must be live. */
    void expectLive(boolean expected) {
        epoch.incrementAndGet();
        live = expected;
        epoch.incrementAndGet();
    }

    long now() {
        return System.nanoTime();
    }

    /** @return loans that succeeded from {@code from} on */
    long successesSince(long from) {
        long n = 0;
        int first = bucket(from);
        int last = Math.min(bucket(System.nanoTime()), successes.length() - 1);
        for (int i = first; i <= last; i++) {
            n += successes.get(i);
        }
        return n;
    }

    /** @return loans per second between two instants */
    double rate(long from, long to) {
        long n = 0;
        for (int i = bucket(from); i < Math.min(bucket(to), successes.length()); i++) {
            n += successes.get(i);
        }
        return n * 1e9 / Math.max(1, to - from);
    }

    /**
     * @return nanoseconds from {@code from} until a 500 ms window first ran at {@code share} of
     *         {@code baseline} loans per second, or -1 if none did up to now
     */
    long timeToThroughput(long from, double baseline, double share) {
        int window = (int) (TimeUnit.MILLISECONDS.toNanos(500) / BUCKET_NANOS);
        int first = bucket(from);
        int last = Math.min(bucket(System.nanoTime()), successes.length() - 1);
        for (int i = first; i + window <= last; i++) {
            long n = 0;
            for (int j = i; j < i + window; j++) {
                n += successes.get(j);
            }
            if (n * 1e9 / (window * BUCKET_NANOS) >= share * baseline) {
                return Math.max(0, (i + window) * BUCKET_NANOS - (from - start));
            }
        }
        return -1;
    }

    /**
     * Stops the workers and the watcher.
     *
     * @return whether every thread ended within {@code limit}
     */
    boolean stop(Duration limit) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + limit.toNanos();
        boolean all = true;
        List<Thread> threads = new ArrayList<>(workers);
        threads.add(watcher);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            all &= !t.isAlive();
        }
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }

    /** What every fault run asserts: no connection lent dead or to two borrowers, never more than {@code max} sessions held. */
    void assertEveryLoanSafe(int max) {
        assertEquals(0, deadLends.get(), () -> "connections lent dead: " + samples);
        assertEquals(0, lentTwice.get(), "a connection was lent twice");
        assertTrue(maxSessions.get() <= max, "sessions at the server: " + maxSessions);
    }

    String summary() {
        return "loans=" + loans + " loanFailures=" + loanFailures + " acquireFailures=" + acquireFailures
                + " deadLends=" + deadLends + " lentTwice=" + lentTwice + " maxSessionsAtServer=" + maxSessions
                + " maxAcquireMs=" + TimeUnit.NANOSECONDS.toMillis(maxAcquireNanos.get())
                + " maxStatementMs=" + TimeUnit.NANOSECONDS.toMillis(maxStatementNanos.get());
    }

    private void work() {
        while (running) {
            boolean strict = live;
            long e0 = epoch.get();
            long t0 = System.nanoTime();
            Connection c;
            try {
                c = ds.getConnection();
            } catch (SQLException e) {
                acquireFailures.incrementAndGet();
                if (acquireErrors.size() < 1000) {
                    acquireErrors.add(e);
                }
                long took = System.nanoTime() - t0;
                maxAcquireNanos.accumulateAndGet(took, Math::max);
                if (t0 - watchFailuresFrom >= 0) {
                    watchedFailures.incrementAndGet();
                    maxWatchedFailureNanos.accumulateAndGet(took, Math::max);
                }
                pause(1);   // a caller told to go away does not come back within the same microsecond
                continue;
            }
            long t1 = System.nanoTime();
            maxAcquireNanos.accumulateAndGet(t1 - t0, Math::max);
            loans.incrementAndGet();
            Object physical = null;
            try {
                physical = c.unwrap(org.postgresql.PGConnection.class);
                if (!lent.add(physical)) {
                    lentTwice.incrementAndGet();
                    physical = null;
                }
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    rs.getInt(1);
                }
                long t2 = System.nanoTime();
                successes.incrementAndGet(Math.min(bucket(t2), successes.length() - 1));
                lastSuccessNanos.accumulateAndGet(t2, Math::max);
            } catch (SQLException e) {
                loanFailures.incrementAndGet();
                if (strict && live && epoch.get() == e0) {
                    deadLends.incrementAndGet();
                    if (samples.size() < 10) {
                        samples.add("lent dead: " + e.getSQLState() + " " + e.getMessage());
                    }
                }
            } finally {
                maxStatementNanos.accumulateAndGet(System.nanoTime() - t1, Math::max);
                if (physical != null) {
                    lent.remove(physical);
                }
                try {
                    c.close();
                } catch (SQLException e) {
                    samples.add("close failed: " + e);
                }
            }
        }
    }

    /** Counts the pool's sessions at the server as often as it can; logs in again after a restart. */
    private void watch() {
        while (running) {
            try (Connection admin = DriverManager.getConnection(adminUrl + "?ApplicationName=scopepool-watcher",
                    PostgresServer.USER, PostgresServer.PASSWORD);
                    PreparedStatement s = admin.prepareStatement(
                            "SELECT client_port FROM pg_stat_activity WHERE application_name = ?")) {
                s.setString(1, poolName);
                while (running) {
                    int held = 0;
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            if (!clientGone.test(rs.getInt(1))) {
                                held++;
                            }
                        }
                    }
                    maxSessions.accumulateAndGet(held, Math::max);
                    Thread.sleep(10);   // sampling interval, not a synchronisation
                }
            } catch (SQLException e) {
                pause(100);   // the server is down: try again, bounded by running
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int bucket(long nanos) {
        return (int) Math.max(0, (nanos - start) / BUCKET_NANOS);
    }
}
