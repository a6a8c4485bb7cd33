// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import java.lang.System.Logger.Level;

/**
 * Logs, once per loan, a resource borrowed for longer than the leak-detection threshold,
 * with the stack of the call that acquired it. Runs on the housekeeper; the fast path only
 * records where a loan started, and only when detection is on.
 */
final class LeakDetector {

    private static final System.Logger LOG = System.getLogger(LeakDetector.class.getName());

    private final String poolName;
    private final SlotBag<?> bag;
    private final long thresholdNanos;

    LeakDetector(String poolName, SlotBag<?> bag, long thresholdNanos) {
        this.poolName = poolName;
        this.bag = bag;
        this.thresholdNanos = thresholdNanos;
    }

    /** How often to look: often enough that a leak is reported within about 1.25 thresholds. */
    long periodNanos() {
        return Math.max(thresholdNanos / 4, 1_000_000L);
    }

    void scan() {
        long now = System.nanoTime();
        for (Slot<?> slot : bag.slots()) {
            Throwable site = slot.borrowSite;
            if (slot.state() == Slot.BORROWED && site != null && !slot.leakReported
                    && now - slot.borrowedAtNanos > thresholdNanos) {
                slot.leakReported = true;
                LOG.log(Level.WARNING, () -> "Pool '" + poolName + "': a resource has been borrowed for more than "
                        + thresholdNanos / 1_000_000 + "ms; possible leak. Acquired here:", site);
            }
        }
    }
}
