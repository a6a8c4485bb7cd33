// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * No resource became available within the acquire timeout. The message contains
 * {@code Acquire timeout after <N>ms} and the pool's name.
 */
public class AcquireTimeoutException extends PoolException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message says how long the caller waited and on which pool
     */
    public AcquireTimeoutException(String message) {
        super(message);
    }
}
