// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * Work done with a borrowed resource, for {@link ResourcePool#execute}. The checked exception
 * type {@code X} passes through {@code execute} unchanged.
 *
 * @param <T> the resource type
 * @param <R> the result type
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface ResourceFunction<T, R, X extends Exception> {

    /**
     * @param resource the borrowed resource; must not be used after this method returns
     * @return the result
     * @throws X if the work fails
     */
    R apply(T resource) throws X;
}
