// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import java.util.Random;

/**
 * How often, and how badly, the resources of one stress round misbehave. Rates are
 * probabilities per call; durations are upper bounds of uniformly drawn stalls.
 *
 * @param hangMillis how long a hung create or health check stalls (past every timeout of the
 *     round) unless it is interrupted first, as a pool interrupts its threads at close
 * @param createNeverReturns rate of creates that stall until interrupted (at createTimeout or close)
 * @param createIgnoresInterrupts rate of creates that stall through interrupts for
 *     {@code stubbornCreateMillis} (past createTimeout, so they are given up) and then return a resource
 * @param checkNeverReturns rate of checks that stall until interrupted (at the check timeout or close)
 * @param checkIgnoresInterrupts rate of checks that stall through interrupts for
 *     {@code stubbornCheckMillis} (past twice the check timeout, so their resource is abandoned)
 */
record FaultPlan(double createThrows, double createReturnsNull, double createSlow, double createHangs,
        double destroyThrows, double destroySlow, double destroyHangs,
        double checkUnhealthy, double checkThrows, double checkHangs,
        int slowMillis, int hangMillis,
        double createNeverReturns, double createIgnoresInterrupts, double checkNeverReturns,
        double checkIgnoresInterrupts, int stubbornCreateMillis, int stubbornCheckMillis) {

    static FaultPlan none() {
        return new FaultPlan(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * A plan drawn for one round: most rounds are hostile, some are calm so load dominates.
     *
     * @param createTimeoutMillis the round's createTimeout, which stubborn creates outlast
     * @param checkTimeoutMillis the round's health-check timeout, which stubborn checks outlast twice
     */
    static FaultPlan random(Random r, int hangMillis, long createTimeoutMillis, long checkTimeoutMillis) {
        if (r.nextInt(5) == 0) {
            return none();
        }
        return new FaultPlan(rate(r, 0.15), rate(r, 0.03), rate(r, 0.2), rate(r, 0.03),
                rate(r, 0.2), rate(r, 0.1), rate(r, 0.01),
                rate(r, 0.15), rate(r, 0.1), rate(r, 0.02),
                1 + r.nextInt(15), hangMillis,
                rate(r, 0.02), rate(r, 0.02), rate(r, 0.02), rate(r, 0.02),
                (int) (createTimeoutMillis * 2 + 20), (int) (checkTimeoutMillis * 5 / 2 + 20));
    }

    private static double rate(Random r, double upTo) {
        return r.nextInt(3) == 0 ? 0 : r.nextDouble() * upTo;
    }
}
