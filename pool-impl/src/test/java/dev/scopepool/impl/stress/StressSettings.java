// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.impl.testkit.Fake;
import java.time.Duration;
import java.util.function.Function;

/**
 * What a stress run does.
 *
 * @param seed the seed every random choice follows from
 * @param duration how long to start new rounds
 * @param workers worker threads per pool: more than the cores, so that preemption lands
 *     inside the engine's critical windows
 * @param overshootBoundMillis how far past its timeout a call may return (see the test for why)
 * @param quietLimit how long a paused pool may take to become quiet with its counters adding up
 * @param pools makes the pool under test from a configuration
 */
record StressSettings(long seed, Duration duration, int workers, long overshootBoundMillis, Duration quietLimit,
        Function<PoolConfig<Fake>, ResourcePool<Fake>> pools) {
}
