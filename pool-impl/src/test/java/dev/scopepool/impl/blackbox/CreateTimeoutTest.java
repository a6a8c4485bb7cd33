// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import dev.scopepool.impl.testkit.Stubborn;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CreateTimeoutTest {

    private final FakeFactory factory = new FakeFactory();
    private final Stubborn stubborn = new Stubborn();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<Fake> lateResource = new AtomicReference<>();

    /** The first create hangs through interrupts; the ones after it create at once. */
    private Fake createHangingFirst() throws Exception {
        if (calls.incrementAndGet() == 1) {
            stubborn.hang();
            Fake late = factory.create();
            lateResource.set(late);
            return late;
        }
        return factory.create();
    }

    @Test
    void aHungCreateIsGivenUpAtCreateTimeoutAndItsLateResourceDestroyedAtOnce() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(1).create(this::createHangingFirst)
                .createTimeout(Duration.ofMillis(200)).build())) {
            ResourceCreationException e = assertThrows(ResourceCreationException.class, () -> pool.acquire());
            assertInstanceOf(TimeoutException.class, e.getCause());
            PoolStats s = pool.stats();
            assertEquals(0, s.creating(), "its capacity is freed");
            assertEquals(0, s.total());
            assertEquals(1, s.createFailures());
            assertEquals(1, s.abandoned());
            Poll.until("its thread interrupted", stubborn::wasInterrupted);

            stubborn.letGo();
            Poll.until("the late resource destroyed", () -> lateResource.get() != null
                    && factory.destroyCount(lateResource.get()) == 1);
            Fake fresh = pool.acquire();
            assertNotSame(lateResource.get(), fresh, "a late resource is never lent");
            pool.release(fresh);
            PoolStats after = pool.stats();
            assertEquals(2, after.created());
            assertEquals(1, after.destroyed());
            assertEquals(after.total(), after.created() - after.destroyed());
        }
    }

    @Test
    void noCreationStartsWhileMaxConcurrentCreatesAbandonedCreatesStillRun() throws Exception {
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().max(2).maxConcurrentCreates(1)
                .create(this::createHangingFirst).createTimeout(Duration.ofMillis(100)).build())) {
            assertThrows(ResourceCreationException.class, () -> pool.acquire());
            assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(300)));
            assertEquals(1, calls.get(), "the abandoned create still holds the only creation place");

            stubborn.letGo();
            Fake f = pool.acquire();
            assertEquals(2, calls.get());
            pool.release(f);
        }
    }
}
