// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

/**
 * One call of the pool's factory ({@code dev.scopepool.ResourceCreate}); its duration is the
 * call's. Records nothing where JFR is not visible ({@link JfrPresence}).
 */
public final class ResourceCreateEvent {

    private static final ResourceCreateEvent UNRECORDED = new ResourceCreateEvent(null);

    /** The JFR event, or null without JFR. Only this field's use touches {@code jdk.jfr}. */
    private final JfrResourceCreate recorded;

    private ResourceCreateEvent(JfrResourceCreate recorded) {
        this.recorded = recorded;
    }

    /** @return a started event: call right before the factory is called */
    public static ResourceCreateEvent start() {
        return JfrPresence.visible() ? new ResourceCreateEvent(JfrResourceCreate.start()) : UNRECORDED;
    }

    /**
     * Ends the creation and records it if the event is enabled and over its threshold.
     *
     * @param poolName the pool's name
     * @param failure what the factory threw, or why the creation was given up; {@code null} on success
     */
    public void finish(String poolName, Throwable failure) {
        if (recorded != null) {
            recorded.finish(poolName, failure);
        }
    }
}
