// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import stormpot.BasePoolable;
import stormpot.Slot;

/** Stormpot lends only {@code Poolable}s that know their slot; this one carries a {@link Token}. */
final class StormpotToken extends BasePoolable {

    final Token token = new Token();

    StormpotToken(Slot slot) {
        super(slot);
    }
}
