// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A pool of expensive, reusable resources of type {@code T}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Thread-safety.</b> Every method may be called from any thread at any time.</li>
 *   <li><b>Identity.</b> Resources are tracked by identity ({@code ==}); their {@code equals}
 *       and {@code hashCode} are never called.</li>
 *   <li><b>Exclusive loans.</b> A resource is lent to at most one borrower at a time; it is
 *       lent again only after {@link #release} hands it back.</li>
 *   <li><b>Bounded size.</b> Live resources plus resources being created never exceed
 *       {@code config().max()}, except right after {@link #resize} to a smaller max while
 *       borrowed surplus is still out (no creation starts until the bound holds again).</li>
 *   <li><b>Bounded waits.</b> No acquire waits longer than its timeout, even when the
 *       factory is slow or hangs: resources are created on pool threads, never on the
 *       caller's.</li>
 *   <li><b>Fairness.</b> Callers that have to wait are served oldest first: a released
 *       resource goes straight to the oldest waiter.</li>
 *   <li><b>Virtual threads.</b> Acquiring, releasing, {@code execute}, {@code lease} and
 *       {@code initialize} never block a virtual thread in a monitor, so a waiting virtual
 *       thread does not pin its carrier (also on JDK 21 to 23); a virtual thread that has to
 *       wait parks at once instead of spinning.</li>
 *   <li><b>Destroyed once.</b> Every resource the pool creates is destroyed exactly once in
 *       the pool's life; a failing destroyer is logged and counted, never thrown.</li>
 *   <li><b>Bad input never corrupts the pool.</b> A {@code null}, foreign or twice-released
 *       resource is rejected with an exception that says what was wrong, and the pool keeps
 *       working.</li>
 * </ul>
 *
 * <p>Pools are created with {@link Scope#pool(PoolConfig)} (the scope owns and closes them)
 * or {@link ResourcePools#create(PoolConfig)} (the caller owns them). All threads a pool
 * starts are daemon threads named {@code scopepool-<name>-…}; none outlives {@link #close()}.
 *
 * @param <T> the type of pooled resource
 */
public interface ResourcePool<T> extends AutoCloseable {

    /**
     * The pool's name: the configured one, or {@code pool-N} (unique per JVM) when the
     * configuration had none. Never changes.
     *
     * @return the pool's name, never {@code null}
     */
    String name();

    /**
     * Borrows a resource, waiting up to the configured {@link PoolConfig#acquireTimeout()}.
     * Same as {@code acquire(config().acquireTimeout())}.
     *
     * @return a resource lent exclusively to the caller until it is released or invalidated
     * @throws AcquireTimeoutException if none became available in time
     * @throws ResourceCreationException if the creation started for this caller failed
     * @throws PoolClosedException if the pool is or becomes closed
     * @throws InterruptedException if the thread is interrupted while waiting; the caller
     *         leaves the queue and no resource is lost
     */
    T acquire() throws InterruptedException;

    /**
     * Borrows a resource, waiting up to {@code timeout}.
     *
     * <p>An idle resource is taken first, without creating one. Otherwise, while fewer than
     * {@code max} resources are live or being created, a creation starts on a pool thread;
     * and the caller waits in a FIFO queue for that resource or for one released by another
     * borrower, whichever comes first. A resource created for a caller that gave up stays
     * idle in the pool. The first acquire of a pool with {@code min > 0} also starts filling
     * it to {@code min} in the background, but waits only for its own resource.
     *
     * <p>{@code Duration.ZERO} never waits: it returns an idle resource or fails at once with
     * {@link AcquireTimeoutException} (starting a background creation when below max). While
     * the pool is {@linkplain #suspend() suspended} acquirers wait, and a zero timeout fails
     * at once.
     *
     * @param timeout how long to wait at most; not negative
     * @return a resource lent exclusively to the caller
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws AcquireTimeoutException if none became available in time; its message
     *         contains {@code Acquire timeout after <N>ms} and the pool's name
     * @throws ResourceCreationException if the creation started for this caller failed
     * @throws PoolClosedException if the pool is or becomes closed (its cause is the
     *         reason given to {@link #cancel(Throwable)}, if any)
     * @throws InterruptedException if interrupted while waiting
     */
    T acquire(Duration timeout) throws InterruptedException;

    /**
     * Borrows a resource without ever blocking the caller. The future completes with a
     * resource, or exceptionally with the exceptions {@link #acquire()} would throw, after
     * at most the configured acquire timeout. Cancelling the future gives up the place in
     * the queue; a resource that arrives after that goes back to the pool. On a closed pool
     * the returned future has already failed with {@link PoolClosedException}.
     *
     * @return a future of a resource lent exclusively to whoever completes it
     */
    CompletableFuture<T> acquireAsync();

    /**
     * Gives a borrowed resource back. It goes to the oldest waiter first, else becomes
     * idle; after a {@link #resize} to a smaller max, surplus is destroyed instead. After
     * {@link #close()} the resource is destroyed (or ignored if the pool already destroyed
     * it) and this method never throws.
     *
     * @param resource a resource borrowed from this pool
     * @throws NullPointerException if {@code resource} is null
     * @throws IllegalArgumentException if this pool does not hold the resource (never lent
     *         by it, or already destroyed)
     * @throws IllegalStateException if the resource is held but not borrowed (already
     *         released, or under a health check)
     */
    void release(T resource);

    /**
     * Declares a borrowed resource broken: the pool destroys it now and frees its place;
     * the pool refills to {@code min} in the background. Counted in
     * {@link PoolStats#invalidated()}, not in {@link PoolStats#released()}.
     *
     * @param resource a resource borrowed from this pool
     * @throws NullPointerException if {@code resource} is null
     * @throws IllegalArgumentException if this pool does not hold the resource
     * @throws IllegalStateException if the resource is held but not borrowed
     */
    void invalidate(T resource);

    /**
     * Borrows a resource, applies {@code work} to it and always gives it back, also when
     * the work throws. The work's exception propagates unchanged.
     *
     * @param work what to do with the resource
     * @param <R> the result type
     * @param <X> the checked exception the work may throw
     * @return the work's result
     * @throws X whatever the work throws
     * @throws InterruptedException if interrupted while waiting for a resource
     */
    <R, X extends Exception> R execute(ResourceFunction<? super T, ? extends R, X> work)
            throws X, InterruptedException;

    /**
     * Asynchronous {@link #execute}: acquires without blocking, applies {@code work}, and
     * releases the resource when the stage the work returned completes, whichever way.
     * If {@code work} throws or returns {@code null}, the resource is released and the
     * future fails.
     *
     * @param work what to do with the resource; returns the stage that ends the loan
     * @param <R> the result type
     * @return the work's result; never {@code null}, never throws
     */
    <R> CompletableFuture<R> executeAsync(Function<? super T, ? extends CompletionStage<R>> work);

    /**
     * Try-with-resources form of {@link #acquire()}: the lease releases the resource when
     * closed, or destroys it if {@link Lease#invalidate()} was called.
     *
     * @return a lease of a borrowed resource
     * @throws InterruptedException if interrupted while waiting
     */
    Lease<T> lease() throws InterruptedException;

    /**
     * Creates resources until {@code min} are live, and waits for those creations.
     *
     * @throws ResourceCreationException if a creation failed (the others are kept)
     * @throws PoolClosedException if the pool is closed
     * @throws InterruptedException if interrupted while waiting
     */
    void initialize() throws InterruptedException;

    /**
     * Checks every idle resource now (resources on loan are not checked) and destroys the
     * unhealthy ones; the pool then refills to {@code min}. A resource under check can not
     * be acquired. Waits at most the configured health-check timeout for a hung check,
     * which counts as unhealthy; that resource is destroyed when its check returns.
     *
     * @return how many resources were found unhealthy and removed; 0 without a health check
     * @throws InterruptedException if interrupted while waiting for the checks
     */
    int checkHealth() throws InterruptedException;

    /**
     * A consistent snapshot of the pool's gauges and cumulative counters. Answers after
     * close too.
     *
     * @return the statistics
     */
    PoolStats stats();

    /**
     * The current configuration: named with the pool's name, and with the {@code min} and
     * {@code max} of the last {@link #resize}.
     *
     * @return the configuration in force
     */
    PoolConfig<T> config();

    /**
     * Changes the pool's bounds, with the builder's validation. A larger max serves waiters
     * at once; a smaller one destroys idle surplus now and borrowed surplus on release; a
     * larger min fills in the background.
     *
     * @param min the new minimum, {@code 0 <= min <= max}
     * @param max the new maximum, at least 1
     * @throws IllegalArgumentException if the bounds are invalid; the pool is unchanged
     * @throws PoolClosedException if the pool is closed
     */
    void resize(int min, int max);

    /**
     * Stops lending: acquirers wait (their timeout still applies; a zero timeout fails at
     * once) until {@link #resume()}. Resources on loan are unaffected.
     */
    void suspend();

    /** Lends again after {@link #suspend()}, serving waiters oldest first. */
    void resume();

    /**
     * @return whether the pool is suspended
     */
    boolean isSuspended();

    /**
     * Destroys every idle resource; the pool then refills to {@code min} with fresh ones.
     *
     * @return how many resources were destroyed
     */
    int evictIdle();

    /**
     * @return whether {@link #close()} or {@link #cancel(Throwable)} was called
     */
    boolean isClosed();

    /**
     * Adds a listener to the running pool. It hears every event of this pool that happens
     * after this call returns, until the returned registration is closed; listeners given to
     * {@link PoolConfig.Builder#listener(PoolListener)} and added ones are called alike, in the
     * order they were added. A listener that throws is logged and stays registered. On a closed
     * pool the listener is never called (the registration is already inert).
     *
     * <p>The same listener may be added more than once; each registration then stands for one
     * of its calls. Adding and closing registrations never blocks an acquirer or a releaser.
     *
     * @param listener the listener to call
     * @return the handle that removes this listener again
     * @throws NullPointerException if {@code listener} is null
     */
    PoolListener.Registration addListener(PoolListener listener);

    /**
     * Closes the pool: stops housekeeping, fails every waiter with
     * {@link PoolClosedException} at once, destroys idle resources, waits up to the
     * configured shutdown timeout for borrowed ones, then destroys those anyway (counted as
     * invalidated; a later {@link #release} of such a resource is ignored). Idempotent, never
     * throws.
     *
     * <p>It returns within the shutdown timeout (plus a few milliseconds for the pool's threads
     * to end, and the time the destroyer takes for the idle resources), whatever still hangs: a
     * {@code create} or health check that the pool gave up on is not waited for, and its thread
     * ends when that call returns. Otherwise, when it returns, no thread the pool started is
     * running.
     */
    @Override
    void close();

    /**
     * Closes the pool as {@link #close()} does; waiting and later acquirers fail with a
     * {@link PoolClosedException} whose cause is {@code reason}. Does nothing on a closed pool.
     *
     * @param reason why the pool is cancelled
     * @throws NullPointerException if {@code reason} is null
     */
    void cancel(Throwable reason);
}
