// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.testkit;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pooled stand-in of every engine test. Every {@code Fake} equals every other and all
 * hash alike, so a pool that tracked resources by {@code equals} would mix them up at once:
 * any test that passes proves the pool tracks them by identity.
 *
 * <p>It can count what happened to it, for factories that keep no ledger of their own (the
 * stress harness): destroy and health-check calls, and its last few events with the thread
 * they happened on.
 */
public final class Fake {

    private static final int EVENTS_KEPT = 12;

    public final long id;
    /** Destroy calls, failed ones included, for factories that count them here; must end at exactly 1. */
    public final AtomicInteger destroys = new AtomicInteger();
    /** Health-check calls, for checks that count them here. */
    public final AtomicInteger checks = new AtomicInteger();
    /** When {@link FakeFactory} finished creating it (System.nanoTime()), for lifetime bounds. */
    public volatile long createdAtNanos;
    /** When {@link FakeFactory} was first asked to destroy it (System.nanoTime()), 0 before. */
    public volatile long destroyedAtNanos;

    private final ArrayDeque<String> events = new ArrayDeque<>();

    public Fake(long id) {
        this.id = id;
    }

    /** Notes an event and the thread it happened on, keeping the last {@value #EVENTS_KEPT}. */
    public void event(String e) {
        synchronized (events) {
            if (events.size() == EVENTS_KEPT) {
                events.removeFirst();
            }
            events.addLast(e + "@" + Thread.currentThread().getName());
        }
    }

    /** @return the last events, oldest first */
    public String events() {
        synchronized (events) {
            return events.toString();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fake;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "Fake#" + id;
    }
}
