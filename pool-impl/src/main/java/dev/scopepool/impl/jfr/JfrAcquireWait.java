// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The JFR event behind {@link AcquireWaitEvent}, loaded only where JFR is visible. */
@Name("dev.scopepool.AcquireWait")
@Label("Acquire Wait")
@Category("scopepool")
@Description("An acquire that had to wait for a resource: how long, and how the wait ended")
@StackTrace(true)
final class JfrAcquireWait extends jdk.jfr.Event {

    @Label("Pool")
    @Description("The pool's name")
    String pool;

    @Label("Outcome")
    @Description("served, timeout, interrupted, closed, failed (a creation failed or the pool is down)")
    String outcome;

    /** @return a started event: call right before the caller starts to wait */
    static JfrAcquireWait start() {
        JfrAcquireWait event = new JfrAcquireWait();
        event.begin();
        return event;
    }

    /**
     * Ends the wait and records it if the event is enabled and over its threshold.
     *
     * @param poolName the pool's name
     * @param how how the wait ended: served, timeout, interrupted, closed or failed
     */
    void finish(String poolName, String how) {
        end();
        if (shouldCommit()) {
            pool = poolName;
            outcome = how;
            commit();
        }
    }
}
