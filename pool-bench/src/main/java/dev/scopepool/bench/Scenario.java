package dev.scopepool.bench;

import java.util.List;

/**
 * One column of the comparison: how many resources the pool holds and how many threads borrow.
 *
 * @param size resources in the pool, all created before measuring
 * @param threads JMH worker threads borrowing concurrently
 */
record Scenario(int size, int threads) {

    /** SPEC §7 and issue 5: uncontended, oversubscribed, contended hand-off, and a large pool. */
    static final List<Scenario> ALL = List.of(
            new Scenario(8, 1), new Scenario(8, 2), new Scenario(8, 4),
            new Scenario(2, 4),
            new Scenario(1024, 1), new Scenario(1024, 2));

    /** More borrowers than cores: threads are descheduled while holding a resource. */
    boolean oversubscribed() {
        return threads > Runtime.getRuntime().availableProcessors();
    }

    /** More borrowers than resources: every release may have to hand off to a waiter. */
    boolean contended() {
        return threads > size;
    }

    String label() {
        return size + " res, " + threads + " thr" + (oversubscribed() ? " †" : "");
    }
}
