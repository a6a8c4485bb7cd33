// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A resource left the pool for good and was handed to the destroyer. */
@Name("dev.scopepool.ResourceRetire")
@Label("Resource Retire")
@Category("scopepool")
@Description("A pool destroyed one of its resources, and why")
@StackTrace(false)
public final class ResourceRetireEvent extends jdk.jfr.Event {

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
    public static void emit(String poolName, String why) {
        ResourceRetireEvent event = new ResourceRetireEvent();
        if (event.shouldCommit()) {
            event.pool = poolName;
            event.reason = why;
            event.commit();
        }
    }
}
