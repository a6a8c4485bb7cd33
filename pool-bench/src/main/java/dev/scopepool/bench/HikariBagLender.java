// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import com.zaxxer.hikari.util.ConcurrentBag;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * HikariCP's {@code ConcurrentBag} used directly: Hikari's lending core without its connection
 * policy (housekeeping, leak task, proxies), so the fastest Hikari can be.
 */
final class HikariBagLender implements Lender {

    private final ConcurrentBag<BagToken> bag;
    private final long timeoutNanos;

    HikariBagLender(int size, Duration timeout) {
        bag = newBag(size);
        timeoutNanos = timeout.toNanos();
    }

    /** A bag holding {@code size} entries, all added up front (so its requests for more are ignored). */
    static ConcurrentBag<BagToken> newBag(int size) {
        ConcurrentBag<BagToken> bag = new ConcurrentBag<>(waiting -> { });
        for (int i = 0; i < size; i++) {
            bag.add(new BagToken());
        }
        return bag;
    }

    @Override
    public Object borrow() throws InterruptedException {
        return bag.borrow(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void giveBack(Object handle) {
        bag.requite((BagToken) handle);
    }

    @Override
    public void close() {
        bag.close();
    }
}
