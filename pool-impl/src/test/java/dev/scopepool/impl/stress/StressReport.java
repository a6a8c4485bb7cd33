// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import java.util.List;
import java.util.Map;

/**
 * What one stress run did and found.
 *
 * @param ops operations done, by kind (worker and controller operations alike)
 * @param outcomes how calls ended other than normally (timeout, closed, ...) and checkpoints passed
 * @param faults faults injected, by kind
 * @param maxOvershootMillis the most any timed call (every acquire form, checkHealth) returned past its timeout
 * @param maxOvershootCall which call that was
 * @param callsPastBound calls that overshot the bound, each then judged against the machine's stalls
 * @param maxUnexplainedMillis of the calls that overshot the bound, the most overshoot not explained by the
 *     machine stalling this JVM meanwhile (see {@link SchedulerLag}); must stay within the bound
 * @param maxSchedulerLagMillis the longest the lag meter's thread waited for a core
 * @param mostPoolThreads the most threads one pool had at once, as its watcher counted them
 */
record StressReport(long seed, long elapsedMillis, int rounds, Map<String, Long> ops, Map<String, Long> outcomes,
        Map<Fault, Long> faults, long violations, List<String> firstViolations,
        double maxOvershootMillis, String maxOvershootCall, long callsPastBound, double maxUnexplainedMillis,
        double maxSchedulerLagMillis, long overshootBoundMillis, int mostPoolThreads) {

    long totalOps() {
        return ops.values().stream().mapToLong(Long::longValue).sum();
    }

    long totalFaults() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("scopepool stress: seed=").append(seed).append(" (replay with -Dscopepool.stress.seed=").append(seed)
                .append("), ").append(elapsedMillis / 1000.0).append(" s, ").append(rounds).append(" pools\n");
        b.append("  operations: ").append(totalOps()).append(' ').append(ops).append('\n');
        b.append("  outcomes and checkpoints: ").append(outcomes).append('\n');
        b.append("  faults injected: ").append(totalFaults()).append(' ').append(faults).append('\n');
        b.append("  max timeout overshoot: ").append(String.format("%.1f", maxOvershootMillis)).append(" ms (")
                .append(maxOvershootCall).append("); calls past the ").append(overshootBoundMillis)
                .append(" ms bound: ").append(callsPastBound).append(", most of it not explained by machine stalls: ")
                .append(String.format("%.1f", maxUnexplainedMillis)).append(" ms; longest scheduler stall: ")
                .append(String.format("%.1f", maxSchedulerLagMillis)).append(" ms\n");
        b.append("  most threads of one pool at once: ").append(mostPoolThreads).append('\n');
        b.append("  invariant violations: ").append(violations);
        for (String v : firstViolations) {
            b.append("\n  - ").append(v);
        }
        return b.toString();
    }
}
