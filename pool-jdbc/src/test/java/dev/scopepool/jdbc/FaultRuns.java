// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long the fault tests run: one fault each by default, well under a minute; with
 * {@code -Dscopepool.soak=10m} the four together repeat their fault for that long (a quarter
 * each), printing each round's numbers.
 */
final class FaultRuns {

    private FaultRuns() {
    }

    /** One round of a fault test. */
    interface Round {
        /**
         * @param name the round's pool name, {@code prefix-N}
         * @param fault how long this round's fault lasts
         */
        void run(String name, Duration fault) throws Exception;
    }

    /**
     * Runs a fault test: one round with the short fault; in a soak, rounds with the soak's fault
     * until the test's share of the soak is spent.
     */
    static void rounds(String prefix, Duration shortFault, Duration soakFault, Round round) throws Exception {
        Duration soak = soakShare();
        Duration fault = soak.isZero() ? shortFault : soakFault;
        long soakEnd = System.nanoTime() + soak.toNanos();
        int n = 0;
        do {
            round.run(prefix + "-" + n++, fault);
        } while (System.nanoTime() < soakEnd);
    }

    /** @return the time one fault test keeps repeating its fault; zero: once */
    static Duration soakShare() {
        String text = System.getProperty("scopepool.soak");
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        return parse(text.trim()).dividedBy(4);
    }

    static Duration parse(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("scopepool.soak: say 10m, 90s or 1h, not " + text);
        };
    }

    static String millis(long nanos) {
        return nanos < 0 ? "not reached" : TimeUnit.NANOSECONDS.toMillis(nanos) + " ms";
    }

    static void print(String fault, String numbers) {
        System.out.println("[fault] " + fault + ": " + numbers);
    }
}
