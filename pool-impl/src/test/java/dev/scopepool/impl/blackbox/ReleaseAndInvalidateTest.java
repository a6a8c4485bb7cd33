// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolStats;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReleaseAndInvalidateTest {

    private final FakeFactory factory = new FakeFactory();

    @Test
    void releaseOfNullIsRejectedAndThePoolKeepsWorking() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            NullPointerException e = assertThrows(NullPointerException.class, () -> pool.release(null));
            assertTrue(e.getMessage().contains("release"), e.getMessage());
            assertThrows(NullPointerException.class, () -> pool.invalidate(null));
            pool.release(pool.acquire());
            assertEquals(1, pool.stats().released());
        }
    }

    @Test
    void releaseOfAForeignResourceIsIllegalArgument() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build());
             ResourcePool<Fake> other = ResourcePools.create(new FakeFactory().config().build())) {
            Fake foreign = other.acquire();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.release(foreign));
            assertTrue(e.getMessage().contains(pool.name()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.invalidate(foreign));
            other.release(foreign);
            pool.release(pool.acquire());
            assertEquals(0, pool.stats().inUse());
        }
    }

    @Test
    void doubleReleaseIsIllegalStateAndCountsOnce() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            Fake f = pool.acquire();
            pool.release(f);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(f));
            assertTrue(e.getMessage().contains("not borrowed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> pool.invalidate(f), "idle resources cannot be invalidated");
            PoolStats s = pool.stats();
            assertEquals(1, s.released());
            assertEquals(1, s.available());
            assertEquals(0, factory.destroyed());
        }
    }

    @Test
    void releaseOfADestroyedResourceIsIllegalArgument() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().build())) {
            Fake f = pool.acquire();
            pool.invalidate(f);
            assertThrows(IllegalArgumentException.class, () -> pool.release(f));
            assertThrows(IllegalArgumentException.class, () -> pool.invalidate(f));
            assertEquals(1, factory.destroyCount(f));
        }
    }

    @Test
    void invalidateDestroysAndFreesTheSlotAndRefillsToMin() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().min(1).max(1).build())) {
            Fake f = pool.acquire();
            pool.invalidate(f);
            assertEquals(1, factory.destroyCount(f), "destroyed at once");
            PoolStats s = pool.stats();
            assertEquals(1, s.invalidated());
            assertEquals(0, s.released(), "an invalidation is not a release");
            Poll.until("refilled to min", () -> pool.stats().available() == 1);
            Fake fresh = pool.acquire(Duration.ZERO);
            assertNotSame(f, fresh);
            pool.release(fresh);
            PoolStats quiet = pool.stats();
            assertEquals(quiet.inUse(), quiet.acquired() - quiet.released() - quiet.invalidated());
            assertEquals(quiet.total(), quiet.created() - quiet.destroyed());
        }
    }

    @Test
    void afterCloseReleaseAndInvalidateNeverThrow() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(3).build());
        Fake held = pool.acquire();
        Fake idle = pool.acquire();
        Fake invalidated = pool.acquire();
        pool.release(idle);
        pool.close();
        assertDoesNotThrow(() -> pool.release(held), "a force-destroyed resource is ignored");
        assertDoesNotThrow(() -> pool.release(idle));
        assertDoesNotThrow(() -> pool.invalidate(invalidated));
        assertDoesNotThrow(() -> pool.release(new Fake(42)));
        assertDoesNotThrow(() -> pool.invalidate(new Fake(43)));
        factory.assertEachDestroyedOnce();
    }

    @Test
    void releaseAfterCloseDestroysAResourceStillHeld() throws Exception {
        ResourcePool<Fake> pool = ResourcePools.create(
                factory.config().shutdownTimeout(Duration.ofSeconds(10)).build());
        Fake f = pool.acquire();
        Thread closer = new Thread(pool::close);
        closer.start();
        Poll.until("pool closed", pool::isClosed);
        pool.release(f);
        closer.join(10_000);
        assertTrue(!closer.isAlive(), "close returned once the borrowed resource came back");
        assertEquals(1, factory.destroyCount(f));
        assertEquals(1, pool.stats().released());
        assertEquals(0, pool.stats().invalidated());
    }
}
