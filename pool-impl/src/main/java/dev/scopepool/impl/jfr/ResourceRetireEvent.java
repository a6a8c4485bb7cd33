// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

/**
 * A resource left the pool for good ({@code dev.scopepool.ResourceRetire}). Records nothing
 * where JFR is not visible ({@link JfrPresence}).
 */
public final class ResourceRetireEvent {

    private ResourceRetireEvent() {
    }

    /**
     * Records a retirement if the event is enabled.
     *
     * @param poolName the pool's name
     * @param why the reason's external name
     */
    public static void emit(String poolName, String why) {
        if (JfrPresence.visible()) {
            JfrResourceRetire.emit(poolName, why);
        }
    }
}
