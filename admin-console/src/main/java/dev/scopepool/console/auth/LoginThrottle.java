// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing with state that stays small whatever is tried: after
 * {@value #FREE_FAILURES} failed logins in a row, a name must wait before its next attempt,
 * one second doubling per further failure up to {@value #MAX_DELAY_SECONDS} seconds; a
 * successful login clears its name.
 *
 * <p>Failures are counted per existing account, and all names that are not accounts share
 * one count. So the state never holds more than one entry per account plus one, however many
 * names an attacker invents (a per-name table would grow with every name tried), and
 * spraying invented names is throttled as a single guesser.
 *
 * <p>Thread-safe: logins run concurrently on Jetty's threads.
 */
public final class LoginThrottle {

    /** Failures in a row that cost nothing. */
    public static final int FREE_FAILURES = 5;
    /** The longest wait between attempts. */
    public static final long MAX_DELAY_SECONDS = 30;

    /** Stands for every name that is not an account; no account can be called this. */
    private static final String UNKNOWN = "\0unknown";

    private record Failures(int count, long lastNanos) { }

    private final Set<String> accounts;
    private final LongSupplier nanoClock;
    private final Map<String, Failures> failures = new HashMap<>();

    /**
     * @param accounts the names of the existing accounts
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public LoginThrottle(Set<String> accounts, LongSupplier nanoClock) {
        this.accounts = Set.copyOf(accounts);
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    private String key(String user) {
        return user != null && accounts.contains(user) ? user : UNKNOWN;
    }

    /**
     * @param user the name a login is attempted for
     * @return how long the attempt must wait, in milliseconds; 0 if it may go ahead
     */
    public synchronized long waitMillis(String user) {
        Failures seen = failures.get(key(user));
        if (seen == null || seen.count() < FREE_FAILURES) {
            return 0;
        }
        int doublings = Math.min(seen.count() - FREE_FAILURES, 30);
        long delay = Math.min(TimeUnit.SECONDS.toNanos(1L << doublings), TimeUnit.SECONDS.toNanos(MAX_DELAY_SECONDS));
        long remaining = seen.lastNanos() + delay - nanoClock.getAsLong();
        return remaining <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining));
    }

    /** @param user a name whose login failed */
    public synchronized void failed(String user) {
        failures.merge(key(user), new Failures(1, nanoClock.getAsLong()),
                (old, fresh) -> new Failures(old.count() + 1, fresh.lastNanos()));
    }

    /** @param user a name that logged in */
    public synchronized void succeeded(String user) {
        failures.remove(key(user));
    }

    /** @return how many names the throttle holds state for */
    public synchronized int size() {
        return failures.size();
    }
}
