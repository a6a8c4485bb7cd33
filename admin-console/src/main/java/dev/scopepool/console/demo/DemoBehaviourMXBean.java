// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

/**
 * The knobs of one demo pool's simulated resources, registered as
 * {@code dev.scopepool:type=DemoBehaviour,name=<pool>} next to the pool's own MXBean, so a
 * user can make a pool slow or unhealthy from Hawtio or JConsole and watch the pool react
 * (timeouts, failed health checks, replaced resources).
 *
 * <p>Changes apply at once to every resource of the pool, existing and future. Invalid
 * values fail the call with an {@link IllegalArgumentException} and change nothing.
 */
public interface DemoBehaviourMXBean {

    /** @return the pool whose resources this steers */
    String getPoolName();

    /** @return the mean simulated latency of each operation, in milliseconds */
    long getLatencyMillis();

    /**
     * @param latencyMillis the new mean latency, 0 to 10000 ms
     * @throws IllegalArgumentException if out of range
     */
    void setLatencyMillis(long latencyMillis);

    /** @return the probability, 0 to 1, that any one create, operation or health check fails */
    double getFailureRate();

    /**
     * @param failureRate the new probability, 0 (never fails) to 1 (always fails)
     * @throws IllegalArgumentException if out of range or not a number
     */
    void setFailureRate(double failureRate);
}
