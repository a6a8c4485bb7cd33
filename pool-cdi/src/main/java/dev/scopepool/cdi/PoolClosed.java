// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.util.Objects;

/**
 * A CDI-managed pool was closed and is no longer listed in {@link PoolRegistry}. Fired once
 * per pool, with the pool's {@link Pool} qualifier (the declared name).
 *
 * <p>When the pool's context ends (application shutdown, request end, destruction of a
 * {@code @Dependent} owner) the event is fired synchronously on the thread that ends it,
 * after the pool has finished closing, while the container is still running. When someone
 * closes the pool directly, the event is delivered from the extension's event thread
 * ({@code scopepool.cdi.events}), so a pool's own threads never run observers. An observer
 * that throws is logged (as for any CDI event, observers after it miss this event); the pool
 * is unaffected.
 *
 * @param name the pool's own name ({@code x} or {@code x-<n>})
 */
public record PoolClosed(String name) {

    /** @param name the pool's own name */
    public PoolClosed {
        Objects.requireNonNull(name, "name must not be null");
    }
}
