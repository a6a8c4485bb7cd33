// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * The factory failed to create the resource this caller was waiting for. The cause is what
 * {@link ResourceFactory#create()} threw.
 */
public class ResourceCreationException extends PoolException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which pool
     * @param cause what the factory threw
     */
    public ResourceCreationException(String message, Throwable cause) {
        super(message, cause);
    }
}
