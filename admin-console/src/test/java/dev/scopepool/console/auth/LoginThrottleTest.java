// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LoginThrottle throttle = new LoginThrottle(Set.of("admin", "ops"), now::get);

    private void fail(String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user);
        }
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void stateStaysBoundedHoweverManyNamesAreTried() {
        for (int i = 0; i < 100_000; i++) {
            throttle.failed("guess-" + i);
        }
        fail("admin", 1);
        fail("ops", 1);

        assertEquals(3, throttle.size(), "one entry per account plus one for every other name");
    }

    @Test
    void theFirstFailuresCostNothingThenTheWaitDoublesUpToItsBound() {
        fail("admin", LoginThrottle.FREE_FAILURES - 1);
        assertEquals(0, throttle.waitMillis("admin"));

        fail("admin", 1);
        assertEquals(1_000, throttle.waitMillis("admin"));
        fail("admin", 1);
        assertEquals(2_000, throttle.waitMillis("admin"));
        fail("admin", 40);
        assertEquals(TimeUnit.SECONDS.toMillis(LoginThrottle.MAX_DELAY_SECONDS), throttle.waitMillis("admin"));

        advanceSeconds(LoginThrottle.MAX_DELAY_SECONDS);
        assertEquals(0, throttle.waitMillis("admin"), "the wait ends");
    }

    @Test
    void aSuccessClearsTheNameAndAccountsAreCountedApart() {
        fail("admin", LoginThrottle.FREE_FAILURES + 2);
        assertEquals(0, throttle.waitMillis("ops"), "another account is not slowed down");
        assertTrue(throttle.waitMillis("admin") > 0);

        throttle.succeeded("admin");

        assertEquals(0, throttle.waitMillis("admin"));
        assertEquals(0, throttle.size());
    }

    @Test
    void inventedNamesShareOneCount() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("spray-" + i);
        }

        assertTrue(throttle.waitMillis("yet-another-name") > 0, "spraying names is throttled as one guesser");
        assertEquals(0, throttle.waitMillis("admin"), "while the real accounts are not slowed down");
    }
}
