// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * Tells whether an idle resource is still usable. Called on a pool thread with the resource
 * reserved (nobody can acquire it meanwhile). An unhealthy result, an exception, or a check
 * that takes longer than {@link PoolConfig#healthCheckTimeout()} all count as unhealthy:
 * the resource is destroyed and replaced.
 *
 * @param <T> the resource type
 */
@FunctionalInterface
public interface HealthCheck<T> {

    /**
     * @param resource the idle resource to check
     * @return the verdict, never {@code null} ({@code null} counts as unhealthy)
     * @throws Exception if the check failed; counts as unhealthy
     */
    HealthCheckResult check(T resource) throws Exception;
}
