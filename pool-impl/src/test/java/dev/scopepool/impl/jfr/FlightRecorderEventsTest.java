// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's JDK Flight Recorder events, seen in real recordings: each scripted scenario
 * (a served wait, a timeout, a failing create, an unhealthy check, a retirement) leaves the
 * event it should, with the right fields, and acquires that found an idle resource leave none.
 */
class FlightRecorderEventsTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final List<String> EVENTS = List.of("dev.scopepool.AcquireWait", "dev.scopepool.ResourceCreate",
            "dev.scopepool.ResourceRetire", "dev.scopepool.HealthCheck");

    @TempDir
    Path dir;

    private static String uniqueName(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    /** Runs {@code scenario} inside a recording of every scopepool event and returns the events. */
    private List<RecordedEvent> record(ThrowingRunnable scenario) throws Exception {
        try (Recording recording = new Recording()) {
            for (String event : EVENTS) {
                recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
            }
            recording.start();
            scenario.run();
            recording.stop();
            Path file = dir.resolve("scenario-" + IDS.incrementAndGet() + ".jfr");
            recording.dump(file);
            return RecordingFile.readAllEvents(file);
        }
    }

    private static List<RecordedEvent> of(List<RecordedEvent> events, String type, String pool) {
        return events.stream()
                .filter(e -> e.getEventType().getName().equals(type) && pool.equals(e.getString("pool")))
                .toList();
    }

    private static long count(List<RecordedEvent> events, Predicate<RecordedEvent> which) {
        return events.stream().filter(which).count();
    }

    @Test
    void everyEventTypeIsRegisteredInTheScopepoolCategoryWithALabel() throws Exception {
        try (ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder().name(uniqueName("jfr-types"))
                .create(Object::new).jmx(false).build())) {
            pool.execute(r -> r);
        }
        List<String> names = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getCategoryNames().contains("scopepool"))
                .map(EventType::getName).sorted().toList();
        assertEquals(List.of("dev.scopepool.AcquireWait", "dev.scopepool.HealthCheck", "dev.scopepool.PoolStatistics",
                "dev.scopepool.ResourceCreate", "dev.scopepool.ResourceRetire"), names);
        for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
            if (type.getName().startsWith("dev.scopepool.")) {
                assertTrue(type.getLabel() != null && !type.getLabel().isBlank(), type.getName() + " has no label");
                assertTrue(type.getDescription() != null && !type.getDescription().isBlank(),
                        type.getName() + " has no description");
            }
        }
    }

    @Test
    void aServedWaitATimeoutAndACreationAreRecordedButFastAcquiresAreNot() throws Exception {
        String name = uniqueName("jfr-wait");
        List<RecordedEvent> events = record(() -> {
            try (ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder().name(name)
                    .create(Object::new).max(1).jmx(false).build())) {
                Object first = pool.acquire(); // the pool is empty: waits for its creation
                pool.release(first);
                for (int i = 0; i < 1_000; i++) {
                    pool.release(pool.acquire()); // idle every time: the fast path
                }
                Object held = pool.acquire();
                CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> {
                    try {
                        return pool.acquire(Duration.ofSeconds(10));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Poll.until("the second acquirer waits", () -> pool.stats().waiting() == 1);
                pool.release(held);
                Object served = waiter.get(10, TimeUnit.SECONDS);
                assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(20)));
                pool.release(served);
            }
        });
        List<RecordedEvent> waits = of(events, "dev.scopepool.AcquireWait", name);
        assertEquals(2, count(waits, e -> e.getString("outcome").equals("served")),
                "the first acquire (creation) and the queued one: " + waits);
        assertEquals(1, count(waits, e -> e.getString("outcome").equals("timeout")), waits::toString);
        assertEquals(3, waits.size(), "the 1,000 acquires of an idle resource record nothing: " + waits);
        RecordedEvent timeout = waits.stream().filter(e -> e.getString("outcome").equals("timeout")).findFirst()
                .orElseThrow();
        assertTrue(timeout.getDuration().toNanos() > 0, "the wait's duration: " + timeout.getDuration());
        assertTrue(timeout.getStackTrace() != null, "an acquire wait carries the caller's stack");
        List<RecordedEvent> creates = of(events, "dev.scopepool.ResourceCreate", name);
        assertEquals(1, creates.size(), creates::toString);
        assertTrue(creates.get(0).getBoolean("success"));
        assertEquals("", creates.get(0).getString("error"));
        List<RecordedEvent> retires = of(events, "dev.scopepool.ResourceRetire", name);
        assertEquals(List.of("closed"), retires.stream().map(e -> e.getString("reason")).toList());
    }

    @Test
    void aFailingCreateIsRecordedWithItsError() throws Exception {
        String name = uniqueName("jfr-create");
        List<RecordedEvent> events = record(() -> {
            try (ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder().name(name)
                    .create(() -> {
                        throw new IOException("connection refused");
                    }).jmx(false).build())) {
                assertThrows(ResourceCreationException.class, () -> pool.acquire(Duration.ofSeconds(10)));
            }
        });
        List<RecordedEvent> creates = of(events, "dev.scopepool.ResourceCreate", name);
        assertFalse(creates.isEmpty(), "no ResourceCreate event");
        RecordedEvent failed = creates.get(0);
        assertFalse(failed.getBoolean("success"));
        assertTrue(failed.getString("error").contains("connection refused"), failed.getString("error"));
        List<RecordedEvent> waits = of(events, "dev.scopepool.AcquireWait", name);
        assertEquals(List.of("failed"), waits.stream().map(e -> e.getString("outcome")).distinct().toList());
    }

    @Test
    void anUnhealthyCheckAndAnInvalidationAreRecordedWithTheirReasons() throws Exception {
        String name = uniqueName("jfr-health");
        AtomicBoolean broken = new AtomicBoolean();
        List<RecordedEvent> events = record(() -> {
            try (ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder().name(name)
                    .create(Object::new).max(2).jmx(false)
                    .healthCheck(r -> broken.get() ? HealthCheckResult.unhealthy("SELECT 1 failed")
                            : HealthCheckResult.ok())
                    .build())) {
                Object a = pool.acquire();
                Object b = pool.acquire();
                pool.release(a);
                pool.invalidate(b);
                assertEquals(0, pool.checkHealth());
                broken.set(true);
                assertEquals(1, pool.checkHealth());
            }
        });
        List<RecordedEvent> checks = of(events, "dev.scopepool.HealthCheck", name);
        assertEquals(2, checks.size(), checks::toString);
        assertEquals(1, count(checks, e -> e.getBoolean("healthy") && e.getString("message").isEmpty()));
        assertEquals(1, count(checks, e -> !e.getBoolean("healthy") && e.getString("message").equals("SELECT 1 failed")));
        List<String> reasons = of(events, "dev.scopepool.ResourceRetire", name).stream()
                .map(e -> e.getString("reason")).sorted().toList();
        assertEquals(List.of("invalidated", "unhealthy"), reasons);
    }

    @Test
    void lifecycleRetirementsAreRecordedWithTheirPolicyAsReason() throws Exception {
        String byUses = uniqueName("jfr-uses");
        String byAge = uniqueName("jfr-age");
        String byIdle = uniqueName("jfr-idle");
        List<RecordedEvent> events = record(() -> {
            try (ResourcePool<Object> uses = ResourcePools.create(lifecyclePool(byUses).maxUses(1).build());
                    ResourcePool<Object> age = ResourcePools.create(lifecyclePool(byAge).min(1)
                            .maxLifetime(Duration.ofMillis(200)).build());
                    ResourcePool<Object> idle = ResourcePools.create(lifecyclePool(byIdle)
                            .idleTimeout(Duration.ofMillis(100)).build())) {
                uses.release(uses.acquire());
                age.initialize();
                idle.release(idle.acquire());
                Poll.until("retired for age", () -> age.stats().retiredByAge() >= 1);
                Poll.until("retired for idleness", () -> idle.stats().retiredByIdle() == 1);
            }
        });
        // Events reach the file per thread buffer, not in time order: compare the reasons as sets.
        assertEquals(List.of("maxUses"), reasons(events, byUses));
        assertTrue(reasons(events, byAge).contains("maxLifetime"), () -> reasons(events, byAge).toString());
        assertEquals(List.of("idleTimeout"), reasons(events, byIdle));
    }

    private static List<String> reasons(List<RecordedEvent> events, String pool) {
        return of(events, "dev.scopepool.ResourceRetire", pool).stream().map(e -> e.getString("reason"))
                .distinct().sorted().toList();
    }

    private static PoolConfig.Builder<Object> lifecyclePool(String name) {
        return PoolConfig.builder().name(name).create(Object::new).max(1).jmx(false);
    }

    @Test
    void poolStatisticsAreEmittedPeriodicallyForEveryLivePool() throws Exception {
        String name = uniqueName("jfr-stats");
        CountDownLatch seen = new CountDownLatch(1);
        AtomicInteger total = new AtomicInteger(-1);
        try (ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder().name(name)
                .create(Object::new).min(2).max(3).jmx(false).build());
                RecordingStream stream = new RecordingStream()) {
            pool.initialize();
            stream.enable("dev.scopepool.PoolStatistics").withPeriod(Duration.ofMillis(100));
            stream.onEvent("dev.scopepool.PoolStatistics", e -> {
                if (name.equals(e.getString("pool"))) {
                    total.set(e.getInt("total"));
                    seen.countDown();
                }
            });
            stream.startAsync();
            assertTrue(seen.await(20, TimeUnit.SECONDS), "no PoolStatistics event for " + name);
            assertEquals(2, total.get());
        }
    }

    @Test
    void aWaiterFailedByTheOutageEndsItsWaitAsFailedWhileARefusalWhileDownRecordsNoWait() throws Exception {
        String name = uniqueName("jfr-down");
        AtomicBoolean backendDown = new AtomicBoolean();
        CountDownLatch connecting = new CountDownLatch(1);
        CountDownLatch connectFails = new CountDownLatch(1);
        List<RecordedEvent> events = record(() -> {
            try (ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder().name(name).max(2).failFastAfter(1)
                    .create(() -> {
                        if (backendDown.get()) {
                            connecting.countDown();
                            connectFails.await(10, TimeUnit.SECONDS);
                            throw new IOException("backend down"); // not another test's error string
                        }
                        return new Object();
                    }).acquireTimeout(Duration.ofSeconds(30)).jmx(false).build())) {
                Object held = pool.acquire(); // waits for the pool's first creation: served
                backendDown.set(true);
                CompletableFuture<Object> creating = CompletableFuture.supplyAsync(() -> acquire(pool));
                assertTrue(connecting.await(10, TimeUnit.SECONDS));
                CompletableFuture<Object> queued = CompletableFuture.supplyAsync(() -> acquire(pool));
                Poll.until("two callers wait", () -> pool.stats().waiting() == 2);
                connectFails.countDown(); // the pool goes down: both waits end as failed
                for (CompletableFuture<Object> caller : List.of(creating, queued)) {
                    assertTrue(assertThrows(Exception.class, () -> caller.get(10, TimeUnit.SECONDS)).getCause()
                            instanceof ResourceCreationException);
                }
                assertTrue(pool.stats().down());
                assertThrows(ResourceCreationException.class, () -> pool.acquire()); // refused without waiting
                pool.release(held);
            }
        });
        List<RecordedEvent> waits = of(events, "dev.scopepool.AcquireWait", name);
        assertEquals(List.of("failed", "failed", "served"), waits.stream().map(e -> e.getString("outcome")).sorted().toList(),
                "the first acquire's wait and the two queued callers', none for the refusal");
    }

    private static Object acquire(ResourcePool<Object> pool) {
        try {
            return pool.acquire();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
