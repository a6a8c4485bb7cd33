// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event behind {@link ResourceRetireEvent}, loaded only where JFR is visible. */
@Name("dev.scopepool.ResourceRetire")
@Label("Resource Retire")
@Category("scopepool")
@Description("A pool destroyed one of its resources, and why")
@StackTrace(false)
final class JfrResourceRetire extends jdk.jfr.Event {

    @Label("Pool")
    @Description("The pool's name")
    String pool;

    @Label("Reason")
    @Description("invalidated, unhealthy, maxLifetime, idleTimeout, maxUses, evicted, surplus, closed or abandoned")
    String reason;

    /**
     * Records a retirement if the event is enabled.
     *
     * @param poolName the pool's name
     * @param why the reason's external name
     */
    static void emit(String poolName, String why) {
        JfrResourceRetire event = new JfrResourceRetire();
        if (event.shouldCommit()) {
            event.pool = poolName;
            event.reason = why;
            event.commit();
        }
    }
}
