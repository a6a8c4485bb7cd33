// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

/**
 * One health check of one idle resource ({@code dev.scopepool.HealthCheck}); its duration is
 * the check's. Records nothing where JFR is not visible ({@link JfrPresence}).
 */
public final class HealthCheckEvent {

    private static final HealthCheckEvent UNRECORDED = new HealthCheckEvent(null);

    /** The JFR event, or null without JFR. Only this field's use touches {@code jdk.jfr}. */
    private final JfrHealthCheck recorded;

    private HealthCheckEvent(JfrHealthCheck recorded) {
        this.recorded = recorded;
    }

    /** @return a started event: call right before the check runs */
    public static HealthCheckEvent start() {
        return JfrPresence.visible() ? new HealthCheckEvent(JfrHealthCheck.start()) : UNRECORDED;
    }

    /**
     * Ends the check and records it if the event is enabled and over its threshold.
     *
     * @param poolName the pool's name
     * @param failure why the resource is unhealthy, or {@code null} when it is healthy
     */
    public void finish(String poolName, String failure) {
        if (recorded != null) {
            recorded.finish(poolName, failure);
        }
    }
}
