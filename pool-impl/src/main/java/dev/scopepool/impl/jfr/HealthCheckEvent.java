// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One health check of one idle resource; its duration is the check's. */
@Name("dev.scopepool.HealthCheck")
@Label("Health Check")
@Category("scopepool")
@Description("One health check of an idle resource")
@StackTrace(false)
public final class HealthCheckEvent extends jdk.jfr.Event {

    @Label("Pool")
    @Description("The pool's name")
    String pool;

    @Label("Healthy")
    @Description("Whether the resource passed")
    boolean healthy;

    @Label("Message")
    @Description("Why it failed: the result's message, the exception, or the timeout; empty when healthy")
    String message;

    /** @return a started event: call right before the check runs */
    public static HealthCheckEvent start() {
        HealthCheckEvent event = new HealthCheckEvent();
        event.begin();
        return event;
    }

    /**
     * Ends the check and records it if the event is enabled and over its threshold.
     *
     * @param poolName the pool's name
     * @param failure why the resource is unhealthy, or {@code null} when it is healthy
     */
    public void finish(String poolName, String failure) {
        end();
        if (shouldCommit()) {
            pool = poolName;
            healthy = failure == null;
            message = failure == null ? "" : failure;
            commit();
        }
    }
}
