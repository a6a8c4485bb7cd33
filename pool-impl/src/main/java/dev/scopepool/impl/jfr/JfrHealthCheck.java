// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event behind {@link HealthCheckEvent}, loaded only where JFR is visible. */
@Name("dev.scopepool.HealthCheck")
@Label("Health Check")
@Category("scopepool")
@Description("One health check of an idle resource")
@StackTrace(false)
final class JfrHealthCheck extends jdk.jfr.Event {

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
    static JfrHealthCheck start() {
        JfrHealthCheck event = new JfrHealthCheck();
        event.begin();
        return event;
    }

    /**
     * Ends the check and records it if the event is enabled and over its threshold.
     *
     * @param poolName the pool's name
     * @param failure why the resource is unhealthy, or {@code null} when it is healthy
     */
    void finish(String poolName, String failure) {
        end();
        if (shouldCommit()) {
            pool = poolName;
            healthy = failure == null;
            message = failure == null ? "" : failure;
            commit();
        }
    }
}
