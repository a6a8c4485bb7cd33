// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

/**
 * One pool behind the interface the hold scenarios drive: borrow with the pool's own timeout,
 * give back. Each peer keeps its own waiting and fairness; only the calls are made alike.
 *
 * <p>Instances are thread-safe exactly as far as the pool behind them is (all of them are).
 */
interface Lender {

    /**
     * Borrows one resource, waiting at most the timeout the lender was opened with.
     *
     * @return a handle to give back, or null when the wait timed out
     */
    Object borrow() throws Exception;

    /** Gives back a handle that {@link #borrow()} returned. */
    void giveBack(Object handle) throws Exception;

    /** Shuts the pool down. (Not {@code AutoCloseable}: Stormpot's shutdown waits, interruptibly.) */
    void close() throws Exception;
}
