// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.testkit;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourceDestroyer;
import dev.scopepool.ResourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates and destroys {@link Fake}s, counting every call per identity; creation can be held
 * at a gate or made to fail, destruction made to fail.
 */
public final class FakeFactory implements ResourceFactory<Fake>, ResourceDestroyer<Fake> {

    private final AtomicInteger ids = new AtomicInteger();
    private final List<Fake> created = new ArrayList<>();
    private final Map<Fake, Integer> destroys = new IdentityHashMap<>();
    public final AtomicInteger createCalls = new AtomicInteger();
    public final AtomicInteger failCreates = new AtomicInteger();
    /** The most {@code create} calls that were ever inside {@link #create()} at once. */
    public final AtomicInteger mostConcurrentCreates = new AtomicInteger();
    private final AtomicInteger inCreate = new AtomicInteger();
    public volatile boolean failDestroys;
    private volatile CountDownLatch gate;
    private final CountDownLatch gateReached = new CountDownLatch(1);

    /** Holds every later creation until {@link #openGate()}. */
    public void closeGate() {
        gate = new CountDownLatch(1);
    }

    public void openGate() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    /** Waits until some creation is held at the gate. */
    public void awaitGateReached() throws InterruptedException {
        if (!gateReached.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no creation reached the gate within 10s");
        }
    }

    @Override
    public Fake create() throws Exception {
        createCalls.incrementAndGet();
        mostConcurrentCreates.accumulateAndGet(inCreate.incrementAndGet(), Math::max);
        try {
            return createNow();
        } finally {
            inCreate.decrementAndGet();
        }
    }

    private Fake createNow() throws Exception {
        CountDownLatch g = gate;
        if (g != null) {
            gateReached.countDown();
            if (!g.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test gate never opened");
            }
        }
        if (failCreates.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw new java.io.IOException("simulated create failure");
        }
        Fake f = new Fake(ids.incrementAndGet());
        f.createdAtNanos = System.nanoTime();
        synchronized (this) {
            created.add(f);
        }
        return f;
    }

    @Override
    public void destroy(Fake resource) throws Exception {
        if (resource.destroyedAtNanos == 0) {
            resource.destroyedAtNanos = System.nanoTime();
        }
        synchronized (this) {
            destroys.merge(resource, 1, Integer::sum);
        }
        if (failDestroys) {
            throw new IllegalStateException("simulated destroy failure");
        }
    }

    public synchronized int created() {
        return created.size();
    }

    public synchronized int destroyed() {
        return destroys.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int destroyCount(Fake f) {
        return destroys.getOrDefault(f, 0);
    }

    public synchronized List<Fake> createdResources() {
        return new ArrayList<>(created);
    }

    /** Every created resource destroyed exactly once, and nothing destroyed that was not created. */
    public synchronized void assertEachDestroyedOnce() {
        for (Fake f : created) {
            int n = destroys.getOrDefault(f, 0);
            if (n != 1) {
                throw new AssertionError(f + " destroyed " + n + " times");
            }
        }
        if (destroys.size() != created.size()) {
            throw new AssertionError("destroyed " + destroys.size() + " distinct resources, created " + created.size());
        }
    }

    /** A config with this factory, no JMX, and a 5 s acquire timeout. */
    public PoolConfig.Builder<Fake> config() {
        return PoolConfig.<Fake>builder().create(this).destroy(this).jmx(false)
                .acquireTimeout(Duration.ofSeconds(5)).shutdownTimeout(Duration.ofMillis(200));
    }
}
