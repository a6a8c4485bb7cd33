// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * The root of scopepool's exceptions. All are unchecked.
 */
public class PoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public PoolException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public PoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
