// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.List;

/**
 * One column of a comparison: how many resources the pool holds and how many threads borrow.
 *
 * @param size resources in the pool, all created before measuring
 * @param threads JMH worker threads borrowing concurrently
 */
record Scenario(int size, int threads) {

    /** The uncontended pair: never more threads than resources; a small and a large pool. */
    static final List<Scenario> UNCONTENDED = List.of(
            new Scenario(8, 1), new Scenario(8, 2),
            new Scenario(1024, 1), new Scenario(1024, 2));

    /** Contended hold: two resources, twice and four times as many borrowers. */
    static final List<Scenario> HOLD = List.of(new Scenario(2, 4), new Scenario(2, 8));

    /** More borrowers than cores: threads are descheduled while holding a resource. */
    boolean oversubscribed() {
        return threads > Runtime.getRuntime().availableProcessors();
    }

    String label() {
        return size + " res, " + threads + " thr" + (oversubscribed() ? " †" : "");
    }

    /** A name safe for a file. */
    String fileName() {
        return size + "-resources-" + threads + "-threads";
    }
}
