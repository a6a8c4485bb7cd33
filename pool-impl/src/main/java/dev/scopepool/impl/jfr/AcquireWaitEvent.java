// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

/**
 * An acquire that found no idle resource and had to wait ({@code dev.scopepool.AcquireWait});
 * its duration is the wait. Records nothing where JFR is not visible ({@link JfrPresence}).
 */
public final class AcquireWaitEvent {

    private static final AcquireWaitEvent UNRECORDED = new AcquireWaitEvent(null);

    /** The JFR event, or null without JFR. Only this field's use touches {@code jdk.jfr}. */
    private final JfrAcquireWait recorded;

    private AcquireWaitEvent(JfrAcquireWait recorded) {
        this.recorded = recorded;
    }

    /** @return a started event: call right before the caller starts to wait */
    public static AcquireWaitEvent start() {
        return JfrPresence.visible() ? new AcquireWaitEvent(JfrAcquireWait.start()) : UNRECORDED;
    }

    /**
     * Ends the wait and records it if the event is enabled and over its threshold.
     *
     * @param poolName the pool's name
     * @param how how the wait ended: served, timeout, interrupted, closed or failed
     */
    public void finish(String poolName, String how) {
        if (recorded != null) {
            recorded.finish(poolName, how);
        }
    }
}
