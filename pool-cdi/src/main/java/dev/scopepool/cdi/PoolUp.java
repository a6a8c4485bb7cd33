// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.util.Objects;

/**
 * A CDI-managed pool that was down ({@link PoolDown}) is up again: a creation succeeded, and
 * acquirers wait and create as usual. Fired with the pool's {@link Pool} qualifier (the
 * declared name).
 *
 * <p>Delivered like {@link PoolDown}: to synchronous observers from the extension's event
 * thread ({@code scopepool.cdi.events}), after the {@code PoolDown} it ends, best-effort; an
 * observer that throws is logged and the pool is unaffected.
 *
 * @param name the pool's own name ({@code x} or {@code x-<n>})
 */
public record PoolUp(String name) {

    /** @param name the pool's own name */
    public PoolUp {
        Objects.requireNonNull(name, "name must not be null");
    }
}
