// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.Lease;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecuteAndLeaseTest {

    private final FakeFactory factory = new FakeFactory();

    @Test
    void executeReturnsTheResultAndReleases() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            String s = pool.execute(f -> "used " + f.id);
            assertEquals("used 1", s);
            assertEquals(0, pool.stats().inUse());
            assertEquals(1, pool.stats().released());
        }
    }

    @Test
    void executePropagatesACheckedExceptionUnchangedAndReleases() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            IOException thrown = new IOException("query failed");
            IOException caught = assertThrows(IOException.class, () -> pool.<String, IOException>execute(f -> {
                throw thrown;
            }));
            assertSame(thrown, caught);
            assertEquals(0, pool.stats().inUse());
            assertEquals(1, pool.stats().available(), "the resource went back, not destroyed");
        }
    }

    @Test
    void executePropagatesAnUncheckedExceptionUnchangedAndReleases() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            IllegalStateException thrown = new IllegalStateException("bad state");
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> pool.execute(f -> {
                throw thrown;
            })));
            assertEquals(0, pool.stats().inUse());
        }
    }

    @Test
    void leaseReleasesOnCloseOnlyOnce() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            Lease<Fake> lease = pool.lease();
            Fake f = lease.get();
            assertEquals(1, pool.stats().inUse());
            lease.close();
            lease.close();
            assertEquals(1, pool.stats().released(), "close is idempotent");
            assertThrows(IllegalStateException.class, lease::get);
            try (Lease<Fake> again = pool.lease()) {
                assertSame(f, again.get());
            }
            assertEquals(0, pool.stats().inUse());
        }
    }

    @Test
    void invalidatedLeaseDestroysTheResourceAndCloseDoesNothingMore() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            Fake f;
            try (Lease<Fake> lease = pool.lease()) {
                f = lease.get();
                lease.invalidate();
            }
            assertEquals(1, factory.destroyCount(f));
            assertEquals(1, pool.stats().invalidated());
            assertEquals(0, pool.stats().released());
        }
    }

    @Test
    void executeAsyncReleasesWhenTheWorkCompletes() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            CompletableFuture<String> gate = new CompletableFuture<>();
            CompletableFuture<String> result = pool.executeAsync(f -> gate.thenApply(v -> v + f.id));
            Poll.until("borrowed", () -> pool.stats().inUse() == 1);
            gate.complete("done-");
            assertEquals("done-1", result.get(10, TimeUnit.SECONDS));
            assertEquals(0, pool.stats().inUse());
        }
    }

    @Test
    void executeAsyncReleasesWhenTheWorkThrowsOrFails() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            IllegalStateException boom = new IllegalStateException("boom");
            CompletableFuture<String> thrown = pool.executeAsync(f -> {
                throw boom;
            });
            ExecutionException e = assertThrows(ExecutionException.class, () -> thrown.get(10, TimeUnit.SECONDS));
            assertSame(boom, e.getCause());
            CompletableFuture<String> failed = pool.executeAsync(f -> CompletableFuture.failedFuture(boom));
            ExecutionException e2 = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
            assertSame(boom, e2.getCause());
            assertEquals(0, pool.stats().inUse());
            assertEquals(2, pool.stats().released());
            assertTrue(pool.stats().available() >= 1);
        }
    }
}
