// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.PoolListener;

/**
 * Turns one declaration's pool callbacks into CDI events. Pool callbacks run on the pool's
 * threads, so everything here is handed to the event thread ({@link PoolEvents#dispatch}).
 */
final class PoolEventListener implements PoolListener {

    private final Pool qualifier;
    private final LivePools live;
    private final PoolEvents events;

    PoolEventListener(Pool qualifier, LivePools live, PoolEvents events) {
        this.qualifier = qualifier;
        this.live = live;
        this.events = events;
    }

    @Override
    public void healthCheckFailed(String pool, String message) {
        events.dispatch(HealthCheckFailed.class, new HealthCheckFailed(pool, message), qualifier);
    }

    @Override
    public void down(String pool, Throwable cause) {
        events.dispatch(PoolDown.class, new PoolDown(pool, cause), qualifier);
    }

    @Override
    public void up(String pool) {
        events.dispatch(PoolUp.class, new PoolUp(pool), qualifier);
    }

    /**
     * Reports a close that the container did not start (the application closed the pool).
     * When the context ends, the pool bean's destroy has already removed the pool from
     * {@link LivePools} and reports the close itself, so this finds nothing to do.
     */
    @Override
    public void closed(String pool) {
        if (live.remove(pool)) {
            events.dispatch(PoolClosed.class, new PoolClosed(pool), qualifier);
        }
    }
}
