// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts down the creations {@code initialize()} waits for, and keeps the first failure. A
 * creation cancelled because the pool no longer needs it counts as done.
 */
final class InitTicket {
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final CountDownLatch pending;
    private final RunState<?> runState;

    InitTicket(int creations, RunState<?> runState) {
        this.pending = new CountDownLatch(creations);
        this.runState = runState;
    }

    void succeeded() {
        pending.countDown();
    }

    void failed(RuntimeException e) {
        failure.compareAndSet(null, e);
        pending.countDown();
    }

    /** Waits for every creation; checks for close now and then, as close does not count down. */
    void await() throws InterruptedException {
        while (!pending.await(50, TimeUnit.MILLISECONDS)) {
            if (runState.isClosed()) {
                throw runState.closedException();
            }
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
