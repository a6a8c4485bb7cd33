// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolListener;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners added to a running pool: what they hear, and when they stop hearing it. */
class ListenerRegistrationTest {

    private final FakeFactory factory = new FakeFactory();
    private final List<ResourcePool<Fake>> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ResourcePool::close);
    }

    private ResourcePool<Fake> pool() {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(0).max(1).build());
        pools.add(pool);
        return pool;
    }

    /** Writes down every event it hears, in order. */
    static final class Recorder implements PoolListener {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void resized(String pool, int min, int max) {
            heard.add("resized " + min + "/" + max);
        }

        @Override
        public void acquireTimedOut(String pool, long timeoutMillis) {
            heard.add("timeout " + timeoutMillis);
        }

        @Override
        public void creationEnded(String pool, long durationNanos, Throwable failure) {
            heard.add("created");
        }

        @Override
        public void closed(String pool) {
            heard.add("closed");
        }
    }

    @Test
    void anAddedListenerHearsEveryLaterEvent() throws Exception {
        ResourcePool<Fake> pool = pool();
        pool.resize(0, 2); // before adding: not heard
        Recorder recorder = new Recorder();
        PoolListener.Registration registration = pool.addListener(recorder);
        assertNotNull(registration);

        pool.resize(0, 1);
        Fake held = pool.acquire();
        assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(10)));
        pool.release(held);
        pool.close();

        assertEquals(List.of("resized 0/1", "created", "timeout 10", "closed"), recorder.heard);
    }

    @Test
    void aClosedRegistrationHearsNothingMoreAndClosesIdempotently() {
        ResourcePool<Fake> pool = pool();
        Recorder recorder = new Recorder();
        PoolListener.Registration registration = pool.addListener(recorder);
        pool.resize(0, 2);

        registration.close();
        registration.close();
        pool.resize(0, 3);
        pool.close();

        assertEquals(List.of("resized 0/2"), recorder.heard);
    }

    @Test
    void aListenerAddedTwiceHearsTwiceUntilEachRegistrationCloses() {
        ResourcePool<Fake> pool = pool();
        Recorder recorder = new Recorder();
        PoolListener.Registration first = pool.addListener(recorder);
        pool.addListener(recorder);

        pool.resize(0, 2);
        first.close();
        pool.resize(0, 3);

        assertEquals(List.of("resized 0/2", "resized 0/2", "resized 0/3"), recorder.heard);
    }

    @Test
    void addedAndConfiguredListenersAreCalledAlikeInTheOrderAdded() {
        List<String> order = new CopyOnWriteArrayList<>();
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().listener(new PoolListener() {
            @Override
            public void resized(String p, int min, int max) {
                order.add("configured");
            }
        }).build());
        pools.add(pool);
        pool.addListener(new PoolListener() {
            @Override
            public void resized(String p, int min, int max) {
                order.add("added");
            }
        });

        pool.resize(0, 2);

        assertEquals(List.of("configured", "added"), order);
    }

    @Test
    void aThrowingListenerIsLoggedAndKeptAndThePoolGoesOn() {
        ResourcePool<Fake> pool = pool();
        AtomicInteger calls = new AtomicInteger();
        Recorder after = new Recorder();
        pool.addListener(new PoolListener() {
            @Override
            public void resized(String p, int min, int max) {
                calls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        });
        pool.addListener(after);
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger engineLog = Logger.getLogger("dev.scopepool.impl.PoolEvents");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        engineLog.addHandler(capture);
        try {
            pool.resize(0, 2);
            pool.resize(0, 3);
        } finally {
            engineLog.removeHandler(capture);
        }

        assertEquals(2, calls.get(), "kept after it threw");
        assertEquals(List.of("resized 0/2", "resized 0/3"), after.heard, "the listeners after it still hear");
        assertEquals(3, pool.config().max(), "the resize it heard took effect");
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.WARNING && r.getThrown() != null
                && "listener bug".equals(r.getThrown().getMessage())), "logged at WARNING with its exception: " + logged);
    }

    @Test
    void aListenerAddedToAClosedPoolIsNeverCalled() {
        ResourcePool<Fake> pool = pool();
        pool.close();
        Recorder recorder = new Recorder();

        PoolListener.Registration registration = pool.addListener(recorder);
        assertThrows(PoolClosedException.class, () -> pool.resize(0, 2));
        pool.close();
        registration.close();

        assertEquals(List.of(), recorder.heard);
    }

    @Test
    void tenThousandAddAndCloseCyclesLeaveNoListenerBehind() {
        ResourcePool<Fake> pool = pool();
        AtomicInteger heard = new AtomicInteger();
        List<WeakReference<PoolListener>> gone = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            PoolListener listener = new PoolListener() {
                @Override
                public void resized(String p, int min, int max) {
                    heard.incrementAndGet();
                }
            };
            gone.add(new WeakReference<>(listener));
            pool.addListener(listener).close();
        }

        pool.resize(0, 2);
        assertEquals(0, heard.get(), "no closed registration is called");
        Poll.until("every removed listener is collectable", () -> {
            System.gc();
            return gone.stream().allMatch(r -> r.get() == null);
        });
    }

    @Test
    void aNullListenerIsRefusedAndThePoolGoesOn() throws Exception {
        ResourcePool<Fake> pool = pool();
        NullPointerException e = assertThrows(NullPointerException.class, () -> pool.addListener(null));
        assertTrue(e.getMessage().contains("listener"), e.getMessage());
        pool.release(pool.acquire());
        assertEquals(1, pool.stats().released());
    }
}
