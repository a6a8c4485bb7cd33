package dev.scopepool.impl.stress;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pooled stand-in that counts what happened to it. Every {@code Res} equals every other and
 * all hash alike, so a pool that tracked resources by {@code equals} would mix them up at once.
 */
final class Res {

    final long id;
    /** Destroy calls, failed ones included: must end at exactly 1. */
    final AtomicInteger destroys = new AtomicInteger();
    /** Health-check calls. */
    final AtomicInteger checks = new AtomicInteger();

    private final java.util.ArrayDeque<String> events = new java.util.ArrayDeque<>();

    void event(String e) {
        synchronized (events) {
            if (events.size() == 12) {
                events.removeFirst();
            }
            events.addLast(e + "@" + Thread.currentThread().getName());
        }
    }

    String events() {
        synchronized (events) {
            return events.toString();
        }
    }

    Res(long id) {
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Res;
    }

    @Override
    public int hashCode() {
        return 7;
    }

    @Override
    public String toString() {
        return "Res#" + id;
    }
}
