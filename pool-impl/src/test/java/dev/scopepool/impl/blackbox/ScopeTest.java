// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolListener;
import dev.scopepool.ResourcePool;
import dev.scopepool.Scope;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void closingTheScopeClosesItsPoolsNewestFirst() throws Exception {
        List<String> closed = new CopyOnWriteArrayList<>();
        PoolListener recorder = new PoolListener() {
            @Override
            public void closed(String pool) {
                closed.add(pool);
            }
        };
        FakeFactory factory = new FakeFactory();
        ResourcePool<Fake> first;
        ResourcePool<Fake> second;
        try (Scope scope = Scope.open()) {
            first = scope.pool(factory.config().name("scope-first").listener(recorder).build());
            second = scope.pool(factory.config().name("scope-second").listener(recorder).build());
            first.release(first.acquire());
            String v = second.execute(c -> "SELECT " + c.id);
            assertTrue(v.startsWith("SELECT"));
        }
        assertTrue(first.isClosed());
        assertTrue(second.isClosed());
        assertEquals(List.of("scope-second", "scope-first"), closed);
        factory.assertEachDestroyedOnce();
    }

    @Test
    void aClosedScopeRefusesNewPools() {
        Scope scope = Scope.open();
        scope.close();
        assertTrue(scope.isClosed());
        PoolConfig<Fake> config = new FakeFactory().config().build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.pool(config));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void cancellingTheScopeFailsWaitersWithTheReason() throws Exception {
        ExecutorService callers = Executors.newSingleThreadExecutor();
        try {
            Scope scope = Scope.open();
            ResourcePool<Fake> pool = scope.pool(new FakeFactory().config().max(1)
                    .shutdownTimeout(Duration.ZERO).build());
            pool.acquire();
            Future<Fake> waiter = callers.submit(() -> pool.acquire(Duration.ofSeconds(30)));
            Poll.until("one waiting", () -> pool.stats().waiting() == 1);
            RuntimeException reason = new RuntimeException("shutting down the service");
            scope.cancel(reason);
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
            assertInstanceOf(PoolClosedException.class, e.getCause());
            assertSame(reason, e.getCause().getCause());
            assertSame(reason, assertThrows(PoolClosedException.class, pool::acquire).getCause());
        } finally {
            callers.shutdownNow();
        }
    }
}
