// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * A borrowed resource in try-with-resources form, from {@link ResourcePool#lease()}.
 * Closing the lease releases the resource; after {@link #invalidate()} it is destroyed
 * instead. Not meant to be shared between threads.
 *
 * @param <T> the resource type
 */
public interface Lease<T> extends AutoCloseable {

    /**
     * @return the leased resource
     * @throws IllegalStateException if the lease is closed or invalidated
     */
    T get();

    /**
     * Declares the resource broken: it is destroyed now (see
     * {@link ResourcePool#invalidate}) and the lease ends. Does nothing on an ended lease.
     */
    void invalidate();

    /** Ends the lease, giving the resource back. Idempotent, never throws a checked exception. */
    @Override
    void close();
}
