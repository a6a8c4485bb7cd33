// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import dev.scopepool.PoolClosedException;
import dev.scopepool.PoolConfig;

/**
 * What the pool's collaborators read of its run state, and the one signal they send back.
 * Implemented by {@link EnginePool}, which owns the state; see its implementation notes for
 * the transitions.
 */
interface RunState<T> {

    /** @return the current configuration (replaced, never changed, by resize) */
    PoolConfig<T> config();

    /** @return whether the pool is closed (or cancelled) */
    boolean isClosed();

    /** @return the exception to fail a caller with once the pool is closed */
    PoolClosedException closedException();

    /** A creation ended or a resource was destroyed: wakes close, which waits for both to drain. */
    void outstandingEnded();
}
