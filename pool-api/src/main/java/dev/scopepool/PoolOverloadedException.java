// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * An acquire that would have had to wait was refused at once because the pool's limit of
 * waiting callers ({@link PoolConfig#maxWaiters()}) was reached. Nothing was queued and the
 * pool is unchanged; the refusal counts in {@link PoolStats#rejected()}. The asynchronous
 * forms return a future failed with it instead of throwing.
 */
public class PoolOverloadedException extends PoolException {

    private static final long serialVersionUID = 1L;

    /** @param message which pool, and the limit that was reached */
    public PoolOverloadedException(String message) {
        super(message);
    }
}
