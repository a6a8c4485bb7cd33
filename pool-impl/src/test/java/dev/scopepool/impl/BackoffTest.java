// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleFromFiftyMillisecondsUpToFiveSecondsAndStartOverAfterAReset() {
        Backoff backoff = new Backoff();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            millis.add(TimeUnit.NANOSECONDS.toMillis(backoff.next()));
        }
        assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), millis);
        backoff.reset();
        assertEquals(50, TimeUnit.NANOSECONDS.toMillis(backoff.next()));
        assertEquals(100, TimeUnit.NANOSECONDS.toMillis(backoff.next()));
    }
}
