// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A {@link Token} in HikariCP's {@code ConcurrentBag}: the bag moves an entry between states by
 * CAS, so the entry carries the state word, exactly as Hikari's own {@code PoolEntry} does.
 */
final class BagToken implements IConcurrentBagEntry {

    private static final AtomicIntegerFieldUpdater<BagToken> STATE =
            AtomicIntegerFieldUpdater.newUpdater(BagToken.class, "state");

    final Token token = new Token();

    private volatile int state = STATE_NOT_IN_USE;

    @Override
    public boolean compareAndSet(int expect, int update) {
        return STATE.compareAndSet(this, expect, update);
    }

    @Override
    public void setState(int update) {
        STATE.set(this, update);
    }

    @Override
    public int getState() {
        return STATE.get(this);
    }
}
