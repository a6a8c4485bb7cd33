// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.Lease;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceFunction;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.testkit.Fake;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A real pool with one planted bug, to show that the stress harness notices: it loses every
 * n-th released resource, or lends every n-th acquirer a resource somebody already holds
 * (one that it lent through {@code acquire} and that has not come back through it).
 */
final class MisbehavingPool implements ResourcePool<Fake> {

    enum Bug { LOSES_RELEASED, LENDS_TWICE }

    private final ResourcePool<Fake> pool;
    private final Bug bug;
    private final int every;
    private final AtomicLong calls = new AtomicLong();
    /** By identity: every {@code Fake} equals every other. */
    private final Set<Fake> out = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    MisbehavingPool(ResourcePool<Fake> pool, Bug bug, int every) {
        this.pool = pool;
        this.bug = bug;
        this.every = every;
    }

    private boolean strikes() {
        return calls.incrementAndGet() % every == 0;
    }

    @Override
    public Fake acquire(Duration timeout) throws InterruptedException {
        // Only calls the pool would accept: a bad timeout must still fail as the harness expects,
        // or the harness reports that instead of the planted double loan.
        if (bug == Bug.LENDS_TWICE && !timeout.isNegative() && strikes()) {
            synchronized (out) {
                for (Fake held : out) {
                    return held;
                }
            }
        }
        Fake r = pool.acquire(timeout);
        out.add(r);
        return r;
    }

    @Override
    public Fake acquire() throws InterruptedException {
        return acquire(pool.config().acquireTimeout());
    }

    @Override
    public void release(Fake resource) {
        // Only what it lent: swallowing a misuse (a foreign release) would be another bug than the one planted.
        if (bug == Bug.LOSES_RELEASED && resource != null && out.contains(resource) && strikes()) {
            return;
        }
        if (resource != null) {
            out.remove(resource);
        }
        pool.release(resource);
    }

    @Override
    public String name() {
        return pool.name();
    }

    @Override
    public CompletableFuture<Fake> acquireAsync() {
        return pool.acquireAsync();
    }

    @Override
    public void invalidate(Fake resource) {
        if (resource != null) {
            out.remove(resource);
        }
        pool.invalidate(resource);
    }

    @Override
    public <R, X extends Exception> R execute(ResourceFunction<? super Fake, ? extends R, X> work)
            throws X, InterruptedException {
        return pool.execute(work);
    }

    @Override
    public <R> CompletableFuture<R> executeAsync(Function<? super Fake, ? extends CompletionStage<R>> work) {
        return pool.executeAsync(work);
    }

    @Override
    public Lease<Fake> lease() throws InterruptedException {
        return pool.lease();
    }

    @Override
    public void initialize() throws InterruptedException {
        pool.initialize();
    }

    @Override
    public int checkHealth() throws InterruptedException {
        return pool.checkHealth();
    }

    @Override
    public PoolStats stats() {
        return pool.stats();
    }

    @Override
    public PoolConfig<Fake> config() {
        return pool.config();
    }

    @Override
    public void resize(int min, int max) {
        pool.resize(min, max);
    }

    @Override
    public void suspend() {
        pool.suspend();
    }

    @Override
    public void resume() {
        pool.resume();
    }

    @Override
    public boolean isSuspended() {
        return pool.isSuspended();
    }

    @Override
    public int evictIdle() {
        return pool.evictIdle();
    }

    @Override
    public PoolListener.Registration addListener(PoolListener listener) {
        return pool.addListener(listener);
    }

    @Override
    public boolean isClosed() {
        return pool.isClosed();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public void cancel(Throwable reason) {
        pool.cancel(reason);
    }
}
