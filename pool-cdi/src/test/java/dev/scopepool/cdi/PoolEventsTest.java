// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.inject.se.SeContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Dependent
    public static class EventPools {
        @Produces @Pool("events-request") @RequestScoped
        PoolConfig<FakeResource> request(ResourceLedger ledger) {
            return ledger.config();
        }

        @Produces @Pool("events-app") @ApplicationScoped
        PoolConfig<FakeResource> app(ResourceLedger ledger) {
            return ledger.config();
        }

        /** Every resource is unhealthy; checks run only when the test asks. */
        @Produces @Pool("events-sick") @ApplicationScoped
        PoolConfig<FakeResource> sick(ResourceLedger ledger) {
            return ledger.builder()
                    .min(1)
                    .healthCheck(r -> HealthCheckResult.unhealthy("broken " + r))
                    .healthCheckInterval(Duration.ofHours(1))
                    .build();
        }
    }

    /** Blocks in its observer until the test lets it go, as a slow monitoring hook would. */
    @Dependent
    public static class SlowObserver {
        static volatile CountDownLatch entered;
        static volatile CountDownLatch release;

        void failed(@Observes @Pool("events-sick") HealthCheckFailed event) throws InterruptedException {
            entered.countDown();
            release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Dependent
    public static class ThrowingPools {
        @Produces @Pool("events-throwing") @ApplicationScoped
        PoolConfig<FakeResource> throwing(ResourceLedger ledger) {
            return ledger.config();
        }

        void created(@Observes @Pool("events-throwing") PoolCreated event) {
            EventLog.record("throwing", event);
            throw new IllegalStateException("observer failed on purpose");
        }
    }

    @Dependent
    public static class ThrowingClient {
        @Inject @Pool("events-throwing") ResourcePool<FakeResource> pool;
    }

    @Dependent
    public static class Observers {
        void requestCreated(@Observes @Pool("events-request") PoolCreated event) {
            EventLog.record("request", event);
        }

        void requestClosed(@Observes @Pool("events-request") PoolClosed event) {
            EventLog.record("request", event);
        }

        void appClosed(@Observes @Pool("events-app") PoolClosed event) {
            EventLog.record("app", event);
        }

        void sick(@Observes @Pool("events-sick") HealthCheckFailed event) {
            EventLog.record("sick", event);
        }

        void anyCreated(@Observes PoolCreated event) {
            EventLog.record("any", event);
        }

        void anyClosed(@Observes PoolClosed event) {
            EventLog.record("any", event);
        }

        void anyFailed(@Observes HealthCheckFailed event) {
            EventLog.record("any", event);
        }

        void appDown(@Observes @Pool("events-app") PoolDown event) {
            EventLog.record("app-outage", event);
        }

        void appUp(@Observes @Pool("events-app") PoolUp event) {
            EventLog.record("app-outage", event);
        }

        void sickDown(@Observes @Pool("events-sick") PoolDown event) {
            EventLog.record("sick-outage", event);
        }

        void anyDown(@Observes PoolDown event) {
            EventLog.record("any", event);
        }

        void anyUp(@Observes PoolUp event) {
            EventLog.record("any", event);
        }

        void nobody(@Observes @Pool("events-nobody") PoolCreated event) {
            EventLog.record("nobody", event);
        }
    }

    @Dependent
    public static class Clients {
        @Inject @Pool("events-request") ResourcePool<FakeResource> request;
        @Inject @Pool("events-app") ResourcePool<FakeResource> app;
        @Inject @Pool("events-sick") ResourcePool<FakeResource> sick;
    }

    private static final Class<?>[] BEANS = {EventPools.class, Observers.class, Clients.class};

    @BeforeEach
    void clearLog() {
        EventLog.clear();
    }

    @Test
    void createdAndClosedCarryThePoolsOwnNameToQualifiedAndUnqualifiedObservers() throws Exception {
        try (SeContainer container = Containers.start(BEANS)) {
            Clients clients = container.select(Clients.class).get();
            String name = Requests.inNewRequest(container, "events-request-thread", () -> {
                FakeResource resource = clients.request.acquire();
                clients.request.release(resource);
                return clients.request.name();
            });

            List<EventLog.Seen> seen = EventLog.seen("request");
            assertEquals(2, seen.size(), seen.toString());
            PoolCreated created = (PoolCreated) seen.get(0).event();
            assertEquals(name, created.name());
            assertTrue(created.name().matches("events-request-[0-9]+"), created.name());
            assertTrue(created.pool().isClosed(), "the event carried the pool itself, now closed");
            assertEquals(new PoolClosed(name), seen.get(1).event());
            assertEquals("events-request-thread", seen.get(1).thread(),
                    "a context's end reports the close on the thread that ended it");

            assertEquals(List.of(created, new PoolClosed(name)),
                    EventLog.seen("any").stream().map(EventLog.Seen::event).toList());
            assertTrue(EventLog.seen("nobody").isEmpty());
        }
    }

    @Test
    void healthCheckFailureIsDeliveredFromTheEventThreadNotThePools() throws InterruptedException {
        try (SeContainer container = Containers.start(BEANS)) {
            ResourcePool<FakeResource> pool = container.select(Clients.class).get().sick;
            pool.initialize();

            assertEquals(1, pool.checkHealth());

            EventLog.Seen seen = EventLog.await(s -> s.observer().equals("sick"), WAIT);
            FakeResource removed = container.select(ResourceLedger.class).get().created().get(0);
            assertEquals(new HealthCheckFailed("events-sick", "broken " + removed), seen.event());
            assertEquals("scopepool.cdi.events", seen.thread());
            EventLog.await(s -> s.observer().equals("any") && s.event() instanceof HealthCheckFailed, WAIT);
        }
    }

    /**
     * The engine reports an outage through the listeners in the pool's config; calling them
     * as it does shows that the extension registered one that turns them into CDI events.
     */
    @Test
    void downAndUpReachTheirPoolsObserversFromTheEventThreadInOrder() throws InterruptedException {
        try (SeContainer container = Containers.start(BEANS)) {
            assertEquals("events-app", container.select(Clients.class).get().app.name());
            ResourcePool<?> pool = container.select(PoolRegistry.class).get().get("events-app").orElseThrow();
            IOException cause = new IOException("database unreachable");

            pool.config().listeners().forEach(listener -> listener.down(pool.name(), cause));
            pool.config().listeners().forEach(listener -> listener.up(pool.name()));

            EventLog.await(s -> s.observer().equals("app-outage") && s.event() instanceof PoolUp, WAIT);
            List<EventLog.Seen> seen = EventLog.seen("app-outage");
            assertEquals(List.of(new PoolDown("events-app", cause), new PoolUp("events-app")),
                    seen.stream().map(EventLog.Seen::event).toList());
            assertSame(cause, ((PoolDown) seen.get(0).event()).cause());
            assertTrue(seen.stream().allMatch(s -> s.thread().equals("scopepool.cdi.events")), seen::toString);
            EventLog.await(s -> s.observer().equals("any") && s.event() instanceof PoolUp, WAIT);
            assertTrue(EventLog.seen("sick-outage").isEmpty(), "another pool's observer hears nothing");
        }
    }

    @Test
    void aPoolClosedByTheApplicationIsReportedOnceAndLeavesTheRegistry() throws InterruptedException {
        try (SeContainer container = Containers.start(BEANS)) {
            PoolRegistry registry = container.select(PoolRegistry.class).get();
            Clients clients = container.select(Clients.class).get();
            assertEquals("events-app", clients.app.name());
            ResourcePool<?> pool = registry.get("events-app").orElseThrow();

            pool.close();

            EventLog.Seen seen = EventLog.await(s -> s.observer().equals("app"), WAIT);
            assertEquals(new PoolClosed("events-app"), seen.event());
            assertEquals("scopepool.cdi.events", seen.thread(), "dispatched, not run on the closer's thread");
            assertTrue(registry.get("events-app").isEmpty());
        }
        assertEquals(1, EventLog.seen("app").size(), "the container's shutdown does not report it again");
    }

    @Test
    void anApplicationPoolIsReportedClosedAtShutdown() throws InterruptedException {
        ResourcePool<?> pool;
        try (SeContainer container = Containers.start(BEANS)) {
            Clients clients = container.select(Clients.class).get();
            clients.app.release(clients.app.acquire());
            pool = container.select(PoolRegistry.class).get().get("events-app").orElseThrow();
            assertFalse(pool.isClosed());
        }
        assertTrue(pool.isClosed());
        assertEquals(List.of(new PoolClosed("events-app")),
                EventLog.seen("app").stream().map(EventLog.Seen::event).toList());
    }

    @Test
    void theCreatedEventCarriesThePoolThatIsInjected() throws InterruptedException {
        try (SeContainer container = Containers.start(BEANS)) {
            Clients clients = container.select(Clients.class).get();
            clients.app.release(clients.app.acquire());

            PoolCreated created = (PoolCreated) EventLog.seen("any").stream()
                    .map(EventLog.Seen::event)
                    .filter(e -> e instanceof PoolCreated c && c.name().equals("events-app"))
                    .findFirst().orElseThrow();
            assertSame(container.select(PoolRegistry.class).get().get("events-app").orElseThrow(), created.pool());
        }
    }

    @Test
    void anObserverThatThrowsDoesNotBreakThePool() throws InterruptedException {
        try (SeContainer container = Containers.start(ThrowingPools.class, ThrowingClient.class)) {
            ResourcePool<FakeResource> pool = container.select(ThrowingClient.class).get().pool;

            pool.release(pool.acquire());

            assertEquals("events-throwing", pool.name());
            assertTrue(container.select(PoolRegistry.class).get().get("events-throwing").isPresent());
            assertEquals(1, EventLog.seen("throwing").size(), "the observer was called, and threw");
        }
    }

    @Test
    void aSlowHealthCheckObserverNeverHoldsUpThePool() throws InterruptedException {
        SlowObserver.entered = new CountDownLatch(1);
        SlowObserver.release = new CountDownLatch(1);
        try (SeContainer container = Containers.start(EventPools.class, Clients.class, SlowObserver.class)) {
            ResourcePool<FakeResource> pool = container.select(Clients.class).get().sick;
            pool.initialize();
            assertEquals(1, pool.checkHealth());
            assertTrue(SlowObserver.entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            // The observer is still blocked: the pool checks, lends and takes back regardless.
            pool.initialize();
            assertEquals(1, pool.checkHealth());
            pool.release(pool.acquire());
            assertEquals(2, pool.stats().unhealthy());
            // Before shutdown, which would otherwise wait (bounded) for the observer to return.
            SlowObserver.release.countDown();
        } finally {
            SlowObserver.release.countDown();
        }
    }
}
