// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import java.lang.System.Logger.Level;

/**
 * Whether the JDK Flight Recorder's API ({@code jdk.jfr}) is visible to this copy of
 * scopepool. It is on every JDK that has it, but an application server may hide JDK modules
 * from its deployments (WildFly shows {@code jdk.jfr} only to deployments that declare it). The
 * answer is found once per class loader, and said once in the log when it is no: the pools
 * then work as usual and emit no events.
 *
 * <p>This class touches no {@code jdk.jfr} type, so it loads everywhere; the classes that do
 * are reached only after it said yes.
 */
final class JfrPresence {

    private static final boolean VISIBLE = probe();

    private JfrPresence() {
    }

    /** @return whether scopepool can use {@code jdk.jfr}, hence records its events */
    static boolean visible() {
        return VISIBLE;
    }

    private static boolean probe() {
        ClassLoader loader = JfrPresence.class.getClassLoader();
        try {
            Class.forName("jdk.jfr.Event", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            System.getLogger(JfrPresence.class.getName()).log(Level.INFO, "The JDK Flight Recorder API (module "
                    + "jdk.jfr) is not visible to scopepool in " + loader + ": pools work as usual but emit no "
                    + "JFR events (on WildFly, a deployment sees it when its manifest says 'Dependencies: jdk.jfr')");
            return false;
        }
    }
}
