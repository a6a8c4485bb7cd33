// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.util.concurrent.atomic.AtomicInteger;

/** A pooled thing that remembers how often the pool destroyed it; compared by identity only. */
final class FakeResource {

    private final int id;
    private final AtomicInteger destroyed = new AtomicInteger();

    FakeResource(int id) {
        this.id = id;
    }

    int id() {
        return id;
    }

    int timesDestroyed() {
        return destroyed.get();
    }

    void destroy() {
        destroyed.incrementAndGet();
    }

    @Override
    public String toString() {
        return "FakeResource#" + id;
    }
}
