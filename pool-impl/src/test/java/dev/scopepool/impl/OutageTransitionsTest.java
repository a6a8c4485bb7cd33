// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolListener;
import dev.scopepool.ResourceCreationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outage's state machine on its own: counting failures in a row, and transitions heard once each, in order. */
class OutageTransitionsTest {

    private final List<String> heard = new ArrayList<>();
    private final PoolEvents events = new PoolEvents("outage", List.of(new PoolListener() {
        @Override
        public void down(String pool, Throwable cause) {
            heard.add("down"); // called under the outage's transition monitor: no lock needed here
        }

        @Override
        public void up(String pool) {
            heard.add("up");
        }
    }));
    private final ScheduledThreadPoolExecutor housekeeper = new ScheduledThreadPoolExecutor(1);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<RuntimeException> waitersFailedWith = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopHousekeeper() throws InterruptedException {
        housekeeper.shutdownNow();
        assertTrue(housekeeper.awaitTermination(10, TimeUnit.SECONDS));
    }

    private Outage outage(int failFastAfter) {
        return new Outage("outage", failFastAfter, events, waitersFailedWith::add, housekeeper, probes::incrementAndGet);
    }

    @Test
    void aSuccessResetsTheCountSoOnlyFailuresInARowTakeThePoolDown() {
        Outage outage = outage(3);
        IllegalStateException last = new IllegalStateException("refused");
        outage.creationFailed(new IllegalStateException("1"));
        outage.creationFailed(new IllegalStateException("2"));
        assertFalse(outage.creationSucceeded(), "a success while up brings nothing up");
        outage.creationFailed(new IllegalStateException("1 again"));
        outage.creationFailed(new IllegalStateException("2 again"));
        assertNull(outage.refusal());
        outage.creationFailed(last);
        ResourceCreationException refusal = outage.refusal();
        assertNotNull(refusal);
        assertTrue(refusal.getMessage().startsWith("pool 'outage' is down: "), refusal.getMessage());
        assertSame(last, refusal.getCause());
        assertEquals(1, waitersFailedWith.size(), "the queued waiters were failed once");
        assertTrue(outage.creationSucceeded());
        assertFalse(outage.isDown());
        assertEquals(List.of("down", "up"), heard);
    }

    @Test
    void offNeverGoesDown() {
        Outage outage = outage(0);
        for (int i = 0; i < 100; i++) {
            outage.creationFailed(new IllegalStateException("failed"));
        }
        assertFalse(outage.isDown());
        assertNull(outage.refusal());
        assertEquals(List.of(), heard);
    }

    @Test
    void racingFailuresAndSuccessesAreHeardAsAlternatingTransitionsThatEndInTheFinalState() throws Exception {
        Outage outage = outage(2);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20_000; i++) {
                        if (ThreadLocalRandom.current().nextInt(3) == 0) {
                            outage.creationSucceeded();
                        } else {
                            outage.creationFailed(new IllegalStateException("failed"));
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertFalse(heard.isEmpty(), "the race took the pool down at least once");
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(i % 2 == 0 ? "down" : "up", heard.get(i), "transition " + i + " of " + heard.size());
        }
        assertEquals(outage.isDown(), heard.get(heard.size() - 1).equals("down"), "the last one heard is the state");
    }
}
