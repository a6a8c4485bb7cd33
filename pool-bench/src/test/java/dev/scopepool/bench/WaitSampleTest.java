// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WaitSampleTest {

    @Test
    void timesExactlyOneWaitInEvery() {
        WaitSample sample = new WaitSample(100);
        int timed = 0;
        for (int i = 0; i < 10 * WaitSample.EVERY; i++) {
            if (sample.timeNext()) {
                timed++;
            }
        }
        assertEquals(10, timed);
    }

    @Test
    void keepsTheFirstWaitsUpToItsCapacityAndForgetsThemOnClear() {
        WaitSample sample = new WaitSample(3);
        for (long wait = 1; wait <= 5; wait++) {
            sample.record(wait);
        }
        assertArrayEquals(new long[] {1, 2, 3}, sample.kept());

        sample.clear();
        sample.record(7);

        assertArrayEquals(new long[] {7}, sample.kept());
    }
}
