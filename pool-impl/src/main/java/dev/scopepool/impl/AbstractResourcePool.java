// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.Lease;
import dev.scopepool.ResourceFunction;
import dev.scopepool.ResourcePool;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The operations of {@link ResourcePool} that derive from its primitives, as
 * {@code AbstractExecutorService} derives {@code submit} from {@code execute}: {@link #acquire()}
 * from {@link #acquire(java.time.Duration)}, {@link #execute} and {@link #lease} from
 * {@link #acquireSlot()} and {@link #releaseSlot} (which keep the slot lent, so that giving it
 * back needs no lookup), {@link #executeAsync} from {@link #acquireAsync()} and
 * {@code release}. A subclass supplies the primitives and the rest of the interface.
 *
 * <p>Every derived operation releases what it acquired exactly once, also when the work
 * throws, and lets the work's own exception through unchanged (a failing release is added to
 * it as suppressed).
 */
abstract class AbstractResourcePool<T> implements ResourcePool<T>, SlotReturns<T> {

    /**
     * Waits up to the configured {@code acquireTimeout}. A subclass may override this with an
     * equivalent that skips the {@code Duration} conversion on its hot path.
     */
    @Override
    public T acquire() throws InterruptedException {
        return acquire(config().acquireTimeout());
    }

    /** Acquires like {@link #acquire()}, and returns the slot lent rather than its resource. */
    abstract Slot<T> acquireSlot() throws InterruptedException;

    /** Releases what {@link #acquireSlot()} lent, as {@link #release} would release its resource. */
    @Override
    public abstract void releaseSlot(Slot<T> slot);

    @Override
    public <R, X extends Exception> R execute(ResourceFunction<? super T, ? extends R, X> work)
            throws X, InterruptedException {
        Objects.requireNonNull(work, "work must not be null");
        Slot<T> slot = acquireSlot();
        R result;
        try {
            result = work.apply(slot.resource);
        } catch (Throwable failure) {
            try {
                releaseSlot(slot);
            } catch (RuntimeException releaseFailure) {
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        releaseSlot(slot);
        return result;
    }

    @Override
    public <R> CompletableFuture<R> executeAsync(Function<? super T, ? extends CompletionStage<R>> work) {
        Objects.requireNonNull(work, "work must not be null");
        return acquireAsync().thenCompose(resource -> {
            CompletionStage<R> stage;
            try {
                stage = Objects.requireNonNull(work.apply(resource), "executeAsync work returned null");
            } catch (Throwable failure) {
                release(resource);
                return CompletableFuture.failedFuture(failure);
            }
            CompletableFuture<R> result = new CompletableFuture<>();
            stage.whenComplete((value, failure) -> {
                try {
                    release(resource);
                } catch (RuntimeException releaseFailure) {
                    if (failure == null) {
                        result.completeExceptionally(releaseFailure);
                        return;
                    }
                    failure.addSuppressed(releaseFailure);
                }
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
            return result;
        });
    }

    @Override
    public Lease<T> lease() throws InterruptedException {
        return new PoolLease<>(this, acquireSlot());
    }
}
