// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * The verdict of a {@link HealthCheck}.
 *
 * @param healthy whether the resource may stay in the pool
 * @param message why it is unhealthy, or any note; may be {@code null}
 */
public record HealthCheckResult(boolean healthy, String message) {

    private static final HealthCheckResult OK = new HealthCheckResult(true, null);

    /** @return a healthy verdict without message */
    public static HealthCheckResult ok() {
        return OK;
    }

    /**
     * @param message why the resource is unhealthy; shown in logs, JMX and events
     * @return an unhealthy verdict
     */
    public static HealthCheckResult unhealthy(String message) {
        return new HealthCheckResult(false, message);
    }
}
