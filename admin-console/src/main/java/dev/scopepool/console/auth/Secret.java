// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import java.util.Arrays;
import java.util.Objects;

/**
 * A password held only as long as it is needed: as a {@code char[]} that {@link #wipe()}
 * overwrites, so it does not stay readable in the heap for the life of the process the way a
 * {@code String} would. Never printed by {@link #toString()}.
 *
 * <p>Thread-safe. Equal only to itself.
 */
public final class Secret {

    private char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    /**
     * @param text the secret's characters
     * @return a secret holding a copy of them
     * @throws NullPointerException if {@code text} is null
     */
    public static Secret of(String text) {
        return new Secret(Objects.requireNonNull(text, "text").toCharArray());
    }

    /**
     * @return a copy of the characters, for the caller to wipe after use
     * @throws IllegalStateException if the secret was wiped
     */
    public synchronized char[] reveal() {
        if (value == null) {
            throw new IllegalStateException("The secret was wiped after use");
        }
        return value.clone();
    }

    /** @return whether the secret has no characters (a wiped one has none either) */
    public synchronized boolean isEmpty() {
        return value == null || value.length == 0;
    }

    /** Overwrites the characters; afterwards {@link #reveal()} throws. Idempotent. */
    public synchronized void wipe() {
        if (value != null) {
            Arrays.fill(value, '\0');
            value = null;
        }
    }

    /** @return whether {@link #wipe()} ran */
    public synchronized boolean isWiped() {
        return value == null;
    }

    @Override
    public String toString() {
        return "******";
    }
}
