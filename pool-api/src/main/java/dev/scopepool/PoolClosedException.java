// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * The pool is closed. When it was closed by {@link ResourcePool#cancel(Throwable)}, the
 * cause is the reason given there.
 */
public class PoolClosedException extends PoolException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which pool, and what was attempted
     * @param cause the cancellation reason, or {@code null}
     */
    public PoolClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
