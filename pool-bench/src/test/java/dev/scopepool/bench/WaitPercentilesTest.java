// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WaitPercentilesTest {

    @Test
    void percentilesAreNearestRankOverAllThreadsSamples() {
        long[] first = LongStream.rangeClosed(1, 500).toArray();
        long[] second = LongStream.rangeClosed(501, 1000).toArray();

        WaitPercentiles waits = WaitPercentiles.of(List.of(second, first));

        assertEquals(1000, waits.samples());
        assertEquals(500, waits.p50());
        assertEquals(990, waits.p99());
        assertEquals(999, waits.p999());
        assertEquals(1000, waits.max());
    }

    @Test
    void oneLongWaitShowsInTheMaxButNotTheMedian() {
        long[] waits = LongStream.generate(() -> 100).limit(999).toArray();
        long[] withOutlier = LongStream.concat(LongStream.of(waits), LongStream.of(5_000_000_000L)).toArray();

        WaitPercentiles percentiles = WaitPercentiles.of(withOutlier);

        assertEquals(100, percentiles.p50());
        assertEquals(100, percentiles.p999());
        assertEquals(5_000_000_000L, percentiles.max());
    }

    @Test
    void anEmptySampleHasNoPercentiles() {
        WaitPercentiles none = WaitPercentiles.of(new long[0]);

        assertEquals(0, none.samples());
        assertTrue(Double.isNaN(none.p50()) && Double.isNaN(none.max()));
    }
}
