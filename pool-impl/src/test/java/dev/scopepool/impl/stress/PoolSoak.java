package dev.scopepool.impl.stress;

import org.junit.jupiter.api.Test;

/**
 * The stress harness of {@link PoolStressTest} for as long as you like, outside CI. Its name
 * does not end in {@code Test}, so the build's test run leaves it out; run it with
 * <pre>
 * mvn -pl pool-api,pool-impl test -Dtest=PoolSoak -Dscopepool.soak=10m -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * ({@code 90s}, {@code 10m}, {@code 1h} or an ISO-8601 duration; 10 minutes without the
 * property). Replay a seed with {@code -Dscopepool.stress.seed=<seed>}.
 */
class PoolSoak {

    @Test
    void soak() {
        PoolStressTest.run(PoolStressTest.parse(System.getProperty("scopepool.soak", "10m")));
    }
}
