// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Latency and failure rate shared by all simulated resources of one demo pool; thread-safe
 * (the values are volatile and read on every operation).
 */
public final class DemoBehaviour implements DemoBehaviourMXBean {

    private static final long MAX_LATENCY_MILLIS = 10_000;

    private final String poolName;
    private volatile long latencyMillis;
    private volatile double failureRate;
    private ObjectName registeredAs;

    /**
     * @param poolName the pool whose resources this steers
     * @param latencyMillis the initial mean latency
     * @param failureRate the initial failure probability
     */
    public DemoBehaviour(String poolName, long latencyMillis, double failureRate) {
        this.poolName = poolName;
        setLatencyMillis(latencyMillis);
        setFailureRate(failureRate);
    }

    @Override
    public String getPoolName() {
        return poolName;
    }

    @Override
    public long getLatencyMillis() {
        return latencyMillis;
    }

    @Override
    public void setLatencyMillis(long latencyMillis) {
        if (latencyMillis < 0 || latencyMillis > MAX_LATENCY_MILLIS) {
            throw new IllegalArgumentException("LatencyMillis must be between 0 and "
                    + MAX_LATENCY_MILLIS + ", was " + latencyMillis);
        }
        this.latencyMillis = latencyMillis;
    }

    @Override
    public double getFailureRate() {
        return failureRate;
    }

    @Override
    public void setFailureRate(double failureRate) {
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("FailureRate must be between 0 and 1, was " + failureRate);
        }
        this.failureRate = failureRate;
    }

    /**
     * Simulates the time one operation takes: the mean latency with ±50% jitter.
     *
     * @throws InterruptedException if interrupted while "working"
     */
    void simulateLatency() throws InterruptedException {
        long mean = latencyMillis;
        if (mean > 0) {
            long jittered = mean / 2 + ThreadLocalRandom.current().nextLong(mean + 1);
            TimeUnit.MILLISECONDS.sleep(jittered);
        }
    }

    /** @return whether this operation should fail, drawn with the current failure rate */
    boolean drawFailure() {
        double rate = failureRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /**
     * Registers this as {@code dev.scopepool:type=DemoBehaviour,name=<pool>}.
     *
     * @throws IllegalStateException if the name is taken
     */
    synchronized void register() {
        try {
            ObjectName name = objectName(poolName);
            platform().registerMBean(new DescribedMBean(this), name);
            registeredAs = name;
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register the demo behaviour of " + poolName, e);
        }
    }

    /** Unregisters, if registered; idempotent. */
    synchronized void unregister() {
        if (registeredAs != null) {
            try {
                platform().unregisterMBean(registeredAs);
            } catch (JMException e) {
                // Someone else removed it: the goal, no MBean left behind, holds anyway.
            }
            registeredAs = null;
        }
    }

    /**
     * @param poolName a demo pool's name
     * @return the name its behaviour MBean is registered under
     */
    public static ObjectName objectName(String poolName) {
        try {
            return new ObjectName("dev.scopepool:type=DemoBehaviour,name=" + poolName);
        } catch (JMException e) {
            throw new IllegalArgumentException("Not a valid pool name for JMX: " + poolName, e);
        }
    }

    /** Gives Hawtio and JConsole a sentence per knob instead of the bare attribute name. */
    private static final class DescribedMBean extends StandardMBean {

        private static final Map<String, String> ATTRIBUTES = Map.of(
                "PoolName", "The demo pool whose simulated resources these knobs steer",
                "LatencyMillis", "Mean time in ms (0 to 10000, jittered by 50%) of each simulated "
                        + "create, operation and health check",
                "FailureRate", "Probability (0 to 1) that a create, operation or health check fails: "
                        + "1 breaks the pool, 0 lets it heal");

        DescribedMBean(DemoBehaviour behaviour) {
            super(behaviour, DemoBehaviourMXBean.class, true);
        }

        @Override
        protected String getDescription(MBeanInfo info) {
            return "Latency and failure rate of a scopepool demo pool's simulated resources";
        }

        @Override
        protected String getDescription(MBeanAttributeInfo info) {
            return ATTRIBUTES.getOrDefault(info.getName(), info.getDescription());
        }
    }

    private static MBeanServer platform() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    @Override
    public String toString() {
        return "DemoBehaviour[" + poolName + ", latency=" + latencyMillis + "ms, failureRate="
                + failureRate + "]";
    }
}
