// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * Creates a resource. Called on a pool thread, never on an acquirer's; may be slow, may
 * hang (the acquirer's timeout still holds), may throw (the acquirer that asked for the
 * resource gets a {@link ResourceCreationException} with this exception as its cause).
 * Must not return {@code null}.
 *
 * @param <T> the resource type
 */
@FunctionalInterface
public interface ResourceFactory<T> {

    /**
     * @return a new resource, never {@code null}
     * @throws Exception if the resource could not be created
     */
    T create() throws Exception;
}
