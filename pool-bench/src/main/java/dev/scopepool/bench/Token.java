// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pooled object every pool in the comparison lends: trivial, so the numbers measure the
 * pools and not the resource. Peers whose API needs a wrapper ({@link StormpotToken},
 * {@link BagToken}) wrap one of these, as their users wrap a connection.
 */
final class Token {

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    private final int id = NEXT_ID.incrementAndGet();

    /** Read by every benchmark while it holds the token, so the borrow cannot be optimized away. */
    int id() {
        return id;
    }
}
