// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.testkit;

import dev.scopepool.spi.CreationPermits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process budget of creation permits on a semaphore, counting what it lends: how many
 * permits are out now, the most ever out at once, and which can be made invalid (as a lost
 * session would make them).
 */
public final class CountingPermits implements CreationPermits {

    private final int limit;
    private final Semaphore semaphore;
    private final AtomicInteger out = new AtomicInteger();
    private final AtomicInteger mostOut = new AtomicInteger();
    private final List<CountedPermit> granted = new ArrayList<>();

    public CountingPermits(int limit) {
        this.limit = limit;
        this.semaphore = new Semaphore(limit, true);
    }

    @Override
    public Permit take(Duration timeout) throws InterruptedException {
        if (!semaphore.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        int now = out.incrementAndGet();
        mostOut.accumulateAndGet(now, Math::max);
        CountedPermit permit = new CountedPermit();
        synchronized (granted) {
            granted.add(permit);
        }
        return permit;
    }

    @Override
    public int limit() {
        return limit;
    }

    /** @return permits taken and not yet closed */
    public int out() {
        return out.get();
    }

    /** @return the most permits out at once */
    public int mostOut() {
        return mostOut.get();
    }

    /** Makes every permit out now invalid, as a budget that lost them with its session would. */
    public void invalidateAll() {
        synchronized (granted) {
            for (CountedPermit p : granted) {
                p.valid = false;
            }
        }
    }

    private final class CountedPermit implements Permit {
        private final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean valid = true;

        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                synchronized (granted) {
                    granted.remove(this);
                }
                out.decrementAndGet();
                semaphore.release();
            }
        }
    }
}
