// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePoolMXBean;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.CountingPermits;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pools that share a budget of creation permits: every live resource holds one, a creation
 * without one never happens, and a permit comes back when its resource is destroyed.
 */
class CreationPermitsTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private final List<ResourcePool<?>> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ResourcePool::close);
    }

    /** Resources open in the "backend": counted from before create until after destroy. */
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();

    private ResourcePool<Fake> open(FakeFactory factory, CountingPermits permits, int min, int max) {
        ResourcePool<Fake> pool = ResourcePools.create(PoolConfig.<Fake>builder()
                .name("permits-" + IDS.incrementAndGet())
                .create(() -> {
                    mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                    try {
                        return factory.create();
                    } catch (Exception e) {
                        open.decrementAndGet();
                        throw e;
                    }
                })
                .destroy(r -> {
                    factory.destroy(r);
                    open.decrementAndGet();
                })
                .min(min).max(max)
                .acquireTimeout(Duration.ofSeconds(5)).shutdownTimeout(Duration.ZERO).creationPermits(permits).build());
        pools.add(pool);
        return pool;
    }

    @Test
    void everyLiveResourceHoldsAPermitAndDestructionReturnsIt() throws Exception {
        CountingPermits permits = new CountingPermits(3);
        ResourcePool<Fake> pool = open(new FakeFactory(), permits, 0, 5);
        Fake a = pool.acquire();
        Fake b = pool.acquire();
        assertEquals(2, permits.out());
        pool.invalidate(a);
        assertEquals(1, permits.out(), "an invalidated resource's permit comes back");
        pool.release(b);
        assertEquals(1, pool.evictIdle());
        assertEquals(0, permits.out(), "an evicted resource's permit comes back");
        pool.acquire();
        pool.close();
        assertEquals(0, permits.out(), "close returns every permit");
    }

    @Test
    void withoutAPermitNothingIsCreatedAndTheTimeoutSaysTheBudgetWasExhausted() throws Exception {
        CountingPermits permits = new CountingPermits(2);
        FakeFactory factory = new FakeFactory();
        ResourcePool<Fake> pool = open(factory, permits, 0, 5);
        Fake a = pool.acquire();
        pool.acquire();
        AcquireTimeoutException e = assertThrows(AcquireTimeoutException.class,
                () -> pool.acquire(Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("fleet budget was exhausted"), e.getMessage());
        assertEquals(2, factory.createCalls.get(), "no creation without a permit");
        assertEquals(2, pool.stats().total());
        // The creation's permit wait ends at the caller's deadline, on its own thread: the caller
        // may see its timeout a moment before that thread gives the reservation back.
        Poll.until("the reservation was given back", () -> pool.stats().creating() == 0);

        Future<Fake> waiting = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "permits-waiter");
            t.setDaemon(true);
            return t;
        }).submit(() -> pool.acquire(Duration.ofSeconds(10)));
        Poll.until("the caller waits", () -> pool.stats().waiting() == 1);
        pool.release(a);
        assertEquals(a, waiting.get(10, TimeUnit.SECONDS), "the caller is served by a released resource");
        assertEquals(2, permits.mostOut());
    }

    @Test
    void aFailedCreationReturnsItsPermit() throws Exception {
        CountingPermits permits = new CountingPermits(1);
        FakeFactory factory = new FakeFactory();
        ResourcePool<Fake> pool = open(factory, permits, 0, 3);
        factory.failCreates.set(1);
        assertThrows(ResourceCreationException.class, () -> pool.acquire());
        assertEquals(0, permits.out());
        pool.acquire();
        assertEquals(1, permits.out());
    }

    @Test
    void aBackgroundFillWaitsForPermitsInTheBackground() throws Exception {
        CountingPermits permits = new CountingPermits(2);
        ResourcePool<Fake> other = open(new FakeFactory(), permits, 0, 2);
        Fake held = other.acquire();
        ResourcePool<Fake> pool = open(new FakeFactory(), permits, 2, 2);
        pool.resize(2, 2); // starts the fill to min without a caller
        Poll.until("one resource of the fill was created", () -> pool.stats().total() == 1);
        other.invalidate(held);
        Poll.until("the fill reached min once a permit came back", () -> pool.stats().total() == 2);
        assertEquals(2, permits.out());
    }

    @Test
    void idleResourcesWhosePermitIsNoLongerValidAreRetiredButLentOnesStay() throws Exception {
        CountingPermits permits = new CountingPermits(3);
        ResourcePool<Fake> pool = open(new FakeFactory(), permits, 0, 3);
        Fake lent = pool.acquire();
        pool.release(pool.acquire());
        permits.invalidateAll();
        Poll.until("the idle, uncovered resource was retired", () -> pool.stats().total() == 1);
        assertEquals(1, pool.stats().inUse(), "a lent resource is never taken from its borrower");
        pool.release(lent);
        Poll.until("the returned, uncovered resource was retired", () -> pool.stats().total() == 0);
        assertEquals(0, permits.out());
    }

    @Test
    void poolsSharingABudgetNeverHoldMoreThanItUnderLoad() throws Exception {
        CountingPermits permits = new CountingPermits(4);
        List<ResourcePool<Fake>> sharing = List.of(open(new FakeFactory(), permits, 0, 3),
                open(new FakeFactory(), permits, 1, 3), open(new FakeFactory(), permits, 0, 3));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(6);
        CountDownLatch started = new CountDownLatch(6);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ResourcePool<Fake> pool = sharing.get(i % 3);
                workers.add(load.submit(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        try {
                            Fake f = pool.acquire(Duration.ofMillis(50));
                            if (ThreadLocalRandom.current().nextInt(5) == 0) {
                                pool.invalidate(f);
                            } else {
                                pool.release(f);
                            }
                        } catch (AcquireTimeoutException busy) {
                            // the budget is shared: waiting out a timeout is expected
                        }
                    }
                    return null;
                }));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Poll.until("the pools created and destroyed under load",
                    () -> sharing.stream().mapToLong(p -> p.stats().destroyed()).sum() > 200);
            stop.set(true);
            for (Future<?> w : workers) {
                w.get(10, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            load.shutdownNow();
        }
        assertTrue(permits.mostOut() <= 4, "permits out at once: " + permits.mostOut());
        assertTrue(mostOpen.get() <= 4, "resources open in the backend at once: " + mostOpen.get());
        assertTrue(mostOpen.get() >= 2, "the load used the budget: " + mostOpen.get());
        // Idle resources keep their permits, so the pool that keeps a min of 1 may be waiting for
        // a permit that the others' idle resources hold (and a creation still in flight for an
        // acquirer that gave up adds one more idle resource later). Evicting the other two
        // pools' idle resources each time round gives their permits back; the fleet is quiet
        // once the min is filled and the destroyers have given their permits back.
        ResourcePool<Fake> keepsMin = sharing.get(1);
        Poll.until("in a quiet fleet every live resource holds exactly one permit", () -> {
            sharing.get(0).evictIdle();
            sharing.get(2).evictIdle();
            return sharing.stream().mapToInt(p -> p.stats().total() + p.stats().creating()).sum() == permits.out()
                    && sharing.stream().allMatch(p -> p.stats().creating() == 0) && keepsMin.stats().total() >= 1;
        });
    }

    @Test
    void jmxShowsTheFleetBudgetAndHowManyCreationsWaitedForAPermit() throws Exception {
        CountingPermits permits = new CountingPermits(1);
        ResourcePool<Fake> pool = open(new FakeFactory(), permits, 0, 2);
        ResourcePoolMXBean mbean = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                new ObjectName(ResourcePoolMXBean.DOMAIN_TYPE + ",name=" + pool.name()), ResourcePoolMXBean.class);
        assertEquals(1, mbean.getFleetBudget());
        assertEquals(0, mbean.getPermitWaits());
        pool.acquire();
        assertThrows(AcquireTimeoutException.class, () -> pool.acquire(Duration.ofMillis(50)));
        assertEquals(1, mbean.getPermitWaits());
    }
}
