// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.util.Objects;

/**
 * A CDI-managed pool went down: creations failed so many times in a row
 * ({@code failFastAfter}) that acquirers finding no idle resource now fail at once, while
 * one probe creation at a time retries. Fired with the pool's {@link Pool} qualifier (the
 * declared name); {@link PoolUp} follows when a creation succeeds again.
 *
 * <p>Delivered to synchronous observers ({@code @Observes}) from the extension's event thread
 * ({@code scopepool.cdi.events}), never from the pool's own threads or its acquire path, so
 * an observer that pages someone cannot hold up the pool. Events of one pool arrive in the
 * order they happened. Delivery is best-effort as for {@link HealthCheckFailed}: when
 * observers fall far behind, newer events are dropped and logged. An observer that throws is
 * logged; the pool is unaffected.
 *
 * @param name the pool's own name ({@code x} or {@code x-<n>})
 * @param cause the last creation failure
 */
public record PoolDown(String name, Throwable cause) {

    /**
     * @param name the pool's own name
     * @param cause the last creation failure
     */
    public PoolDown {
        Objects.requireNonNull(name, "name must not be null");
    }
}
