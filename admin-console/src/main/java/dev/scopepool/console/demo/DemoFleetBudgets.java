// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import dev.scopepool.spi.CreationPermits;
import jakarta.enterprise.inject.spi.Extension;
import java.util.Map;

/**
 * The fleet budget each demo pool takes its creation permits from, if any. Handed to the CDI
 * container as an extension so that {@link DemoPools} can inject it: the container makes every
 * extension instance an application-scoped bean, which carries values chosen before the
 * container starts into it without static state. Not final: the container may reach it through a
 * client proxy. Immutable, so thread-safe.
 */
public class DemoFleetBudgets implements Extension {

    private final Map<String, CreationPermits> byPool;

    /** No budgets: each pool creates freely. For CDI, which requires a no-argument constructor. */
    public DemoFleetBudgets() {
        this(Map.of());
    }

    /**
     * @param byPool each budgeted demo pool's permits, by pool name; pools not named create freely
     */
    public DemoFleetBudgets(Map<String, ? extends CreationPermits> byPool) {
        this.byPool = Map.copyOf(byPool);
    }

    /**
     * @param pool a demo pool's name
     * @return its budget, or null if it has none
     */
    public CreationPermits of(String pool) {
        return byPool.get(pool);
    }
}
