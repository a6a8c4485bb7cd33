// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import dev.scopepool.Lease;
import dev.scopepool.PoolConfig;
import dev.scopepool.PoolListener;
import dev.scopepool.PoolStats;
import dev.scopepool.ResourceFunction;
import dev.scopepool.ResourcePool;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A real pool that counts how often its statistics are read. */
final class StatsCountingPool implements ResourcePool<Object> {

    private final ResourcePool<Object> real;
    final AtomicInteger statsCalls = new AtomicInteger();

    StatsCountingPool(ResourcePool<Object> real) {
        this.real = real;
    }

    @Override
    public PoolStats stats() {
        statsCalls.incrementAndGet();
        return real.stats();
    }

    @Override public String name() { return real.name(); }
    @Override public Object acquire() throws InterruptedException { return real.acquire(); }
    @Override public Object acquire(Duration timeout) throws InterruptedException { return real.acquire(timeout); }
    @Override public CompletableFuture<Object> acquireAsync() { return real.acquireAsync(); }
    @Override public void release(Object resource) { real.release(resource); }
    @Override public void invalidate(Object resource) { real.invalidate(resource); }

    @Override
    public <R, X extends Exception> R execute(ResourceFunction<? super Object, ? extends R, X> work)
            throws X, InterruptedException {
        return real.execute(work);
    }

    @Override
    public <R> CompletableFuture<R> executeAsync(Function<? super Object, ? extends CompletionStage<R>> work) {
        return real.executeAsync(work);
    }

    @Override public Lease<Object> lease() throws InterruptedException { return real.lease(); }
    @Override public void initialize() throws InterruptedException { real.initialize(); }
    @Override public int checkHealth() throws InterruptedException { return real.checkHealth(); }
    @Override public PoolConfig<Object> config() { return real.config(); }
    @Override public void resize(int min, int max) { real.resize(min, max); }
    @Override public void suspend() { real.suspend(); }
    @Override public void resume() { real.resume(); }
    @Override public boolean isSuspended() { return real.isSuspended(); }
    @Override public int evictIdle() { return real.evictIdle(); }
    @Override public boolean isClosed() { return real.isClosed(); }
    @Override public PoolListener.Registration addListener(PoolListener listener) { return real.addListener(listener); }
    @Override public void close() { real.close(); }
    @Override public void cancel(Throwable reason) { real.cancel(reason); }
}
