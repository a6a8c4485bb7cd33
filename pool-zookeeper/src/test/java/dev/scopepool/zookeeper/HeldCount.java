// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.zookeeper;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Permits held across the whole test fleet, counted by the holders themselves: up after
 * {@code take} returned a permit, down before it is closed, so the count never exceeds what
 * ZooKeeper has granted. Remembers the highest count ever seen.
 */
final class HeldCount {

    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger highest = new AtomicInteger();

    void took() {
        int n = now.incrementAndGet();
        highest.accumulateAndGet(n, Math::max);
    }

    void returning() {
        now.decrementAndGet();
    }

    int now() {
        return now.get();
    }

    int highest() {
        return highest.get();
    }
}
