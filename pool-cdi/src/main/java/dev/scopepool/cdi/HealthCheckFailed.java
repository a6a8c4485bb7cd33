// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.util.Objects;

/**
 * A health check of a CDI-managed pool found a resource unhealthy; the pool destroys that
 * resource and refills to {@code min}. Fired with the pool's {@link Pool} qualifier (the
 * declared name).
 *
 * <p>Delivered to synchronous observers ({@code @Observes}) from the extension's event thread
 * ({@code scopepool.cdi.events}), never from the pool's own threads or from its
 * acquire/release path, so a slow observer cannot stall health checking. Delivery is
 * best-effort: events are queued in order, and when observers fall behind by more than the
 * queue holds, newer events are dropped and logged. An observer that throws is logged (as
 * for any CDI event, observers after it miss this event); the pool is unaffected.
 *
 * @param name the pool's own name ({@code x} or {@code x-<n>})
 * @param message the failure: the check's message, else the exception's {@code toString()},
 *        else {@code health check timed out after <N>ms}
 */
public record HealthCheckFailed(String name, String message) {

    /**
     * @param name the pool's own name
     * @param message what was wrong with the resource
     */
    public HealthCheckFailed {
        Objects.requireNonNull(name, "name must not be null");
    }
}
