// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event behind {@link ResourceCreateEvent}, loaded only where JFR is visible. */
@Name("dev.scopepool.ResourceCreate")
@Label("Resource Create")
@Category("scopepool")
@Description("One call of a pool's resource factory")
@StackTrace(false)
final class JfrResourceCreate extends jdk.jfr.Event {

    @Label("Pool")
    @Description("The pool's name")
    String pool;

    @Label("Success")
    @Description("Whether the factory returned a resource")
    boolean success;

    @Label("Error")
    @Description("What the factory threw, or why the creation was given up; empty on success")
    String error;

    /** @return a started event: call right before the factory is called */
    static JfrResourceCreate start() {
        JfrResourceCreate event = new JfrResourceCreate();
        event.begin();
        return event;
    }

    /**
     * Ends the creation and records it if the event is enabled and over its threshold.
     *
     * @param poolName the pool's name
     * @param failure what the factory threw, or why the creation was given up; {@code null} on success
     */
    void finish(String poolName, Throwable failure) {
        end();
        if (shouldCommit()) {
            pool = poolName;
            success = failure == null;
            error = failure == null ? "" : failure.toString();
            commit();
        }
    }
}
