// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The virtual-thread comparisons, each a section of the report: which pools it measures, how a
 * loan is held, its scenarios, and its heading.
 */
enum VirtualThreadFamily {

    /** The pools of the hold scenarios lending tokens, which the virtual-thread targets are set on. */
    POOLS("virtual threads", List.of(LenderKind.values()), LoanHold.SLEEP, VirtualThreadScenario.FULL,
            VirtualThreadScenario.SMOKE, "Virtual threads: a pool of " + VirtualThreadScenario.POOL_SIZE
                    + ", each loan held across `Thread.sleep(Duration.ofNanos(" + VirtualThreadScenario.HOLD.toNanos()
                    + "))`"),

    /**
     * The JDBC data sources on the stub driver: {@code getConnection()}, a database round trip's
     * wait ({@link LoanHold#PARK}), {@code close()}.
     */
    DATA_SOURCES("JDBC virtual threads", List.copyOf(DataSourceKind.ALL), LoanHold.PARK,
            VirtualThreadScenario.JDBC_FULL, VirtualThreadScenario.JDBC_SMOKE, "JDBC on virtual threads: "
                    + VirtualThreadScenario.POOL_SIZE + " stub connections, each `getConnection()` held across "
                    + "`LockSupport.parkNanos` for " + VirtualThreadScenario.HOLD.toNanos() / 1_000
                    + " µs, then `close()`");

    /** How progress and failure lines name the family. */
    final String label;
    final List<MeasuredPool> pools;
    final LoanHold hold;
    final List<VirtualThreadScenario> full;
    final List<VirtualThreadScenario> smoke;
    final String heading;

    VirtualThreadFamily(String label, List<MeasuredPool> pools, LoanHold hold, List<VirtualThreadScenario> full,
            List<VirtualThreadScenario> smoke, String heading) {
        this.label = label;
        this.pools = pools;
        this.hold = hold;
        this.full = full;
        this.smoke = smoke;
        this.heading = heading;
    }

    /** Whether the report checks this family against the virtual-thread targets (set on the token pools). */
    boolean hasTargets() {
        return this == POOLS;
    }

    /** @return the family whose pool is named {@code key} */
    static VirtualThreadFamily owning(String key) {
        return Arrays.stream(values()).filter(f -> f.pools.stream().anyMatch(p -> p.key().equals(key))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pool '" + key + "', expected one of "
                        + Arrays.stream(values()).flatMap(f -> f.pools.stream()).map(MeasuredPool::key).toList()));
    }

    /** @return this family's pool named {@code key} */
    MeasuredPool pool(String key) {
        return pools.stream().filter(p -> p.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pool '" + key + "' in " + this));
    }
}
