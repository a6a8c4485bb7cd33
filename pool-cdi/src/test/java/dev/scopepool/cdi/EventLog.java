// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the test observers saw, with the observer's label and thread. Static because observers
 * are {@code @Dependent} beans (a new instance per event) and because the events of a shutdown
 * arrive when no bean of the container can be looked up any more. Tests clear it first.
 */
final class EventLog {

    /** One delivered event. */
    record Seen(String observer, Object event, String thread) {
    }

    private static final List<Seen> SEEN = new ArrayList<>();

    private EventLog() {
    }

    static synchronized void clear() {
        SEEN.clear();
    }

    static synchronized void record(String observer, Object event) {
        SEEN.add(new Seen(observer, event, Thread.currentThread().getName()));
        EventLog.class.notifyAll();
    }

    static synchronized List<Seen> seen(String observer) {
        return SEEN.stream().filter(s -> s.observer().equals(observer)).toList();
    }

    /** Waits until an event matching {@code wanted} was seen, at most {@code timeout}. */
    static synchronized Seen await(Predicate<Seen> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Seen s : SEEN) {
                if (wanted.test(s)) {
                    return s;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not seen within " + timeout + "; seen: " + new ArrayList<>(SEEN));
            }
            EventLog.class.wait(Math.max(1, left / 1_000_000));
        }
    }
}
