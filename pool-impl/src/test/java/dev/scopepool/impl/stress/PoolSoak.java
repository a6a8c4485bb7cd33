// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import org.junit.jupiter.api.Test;

/**
 * The stress harness of {@link PoolStressIT} for as long as you like. Its name matches neither
 * the unit tests nor the integration tests, so a plain build leaves it out; setting
 * {@code scopepool.soak} adds it to the integration tests of {@code mvn verify}:
 * <pre>
 * mvn -B -ntp -pl pool-api,pool-impl -am verify -Dscopepool.soak=10m
 * </pre>
 * ({@code 90s}, {@code 10m}, {@code 1h} or an ISO-8601 duration; 10 minutes without the
 * property). Replay a seed with {@code -Dscopepool.stress.seed=<seed>}.
 */
class PoolSoak {

    @Test
    void soak() {
        PoolStressIT.run(PoolStressIT.parse(System.getProperty("scopepool.soak", "10m")));
    }
}
