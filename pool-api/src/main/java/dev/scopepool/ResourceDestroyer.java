// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * Destroys a resource the pool no longer wants. Called exactly once per resource; an
 * exception is logged and counted in {@link PoolStats#destroyFailures()}, never thrown to
 * the pool's callers.
 *
 * @param <T> the resource type
 */
@FunctionalInterface
public interface ResourceDestroyer<T> {

    /**
     * @param resource the resource to destroy; the pool never lends it again
     * @throws Exception if destruction failed (the resource is forgotten all the same)
     */
    void destroy(T resource) throws Exception;
}
