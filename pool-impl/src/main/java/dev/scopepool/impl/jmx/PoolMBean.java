// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import dev.scopepool.ResourcePoolMXBean;
import java.util.Map;
import javax.management.AttributeList;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.StandardEmitterMBean;

/**
 * The object registered in the MBeanServer for one pool: the MXBean mapping of
 * {@link PoolManagement} plus the notifications of {@link PoolNotifier}.
 *
 * <p>It adds what introspection of {@link ResourcePoolMXBean} cannot know: a description
 * of every attribute and operation, the parameter names of {@code resize} (JConsole would
 * otherwise show {@code p0}, {@code p1}) and the operations' impact. It also makes one
 * {@code getAttributes} call read a single stats snapshot.
 *
 * <p>Wrapping lets {@link PoolManagement} stay package-private: the MBeanServer calls it
 * only through the public {@link ResourcePoolMXBean} interface.
 */
final class PoolMBean extends StandardEmitterMBean {

    private static final Map<String, String> ATTRIBUTES = Map.ofEntries(
            Map.entry("Name", "The pool's name, also the name key of this MBean"),
            Map.entry("Total", "Live resources: created and not yet being destroyed (idle, on loan or under a health check)"),
            Map.entry("Available", "Idle resources that can be lent now"),
            Map.entry("InUse", "Resources on loan"),
            Map.entry("Waiting", "Callers waiting for a resource"),
            Map.entry("Creating", "Resource creations under way"),
            Map.entry("Unhealthy", "Resources found unhealthy and removed since the pool was created (cumulative)"),
            Map.entry("HealthChecksEnabled", "Whether the pool has a health check"),
            Map.entry("Suspended", "Whether lending is suspended (acquirers wait until resume)"),
            Map.entry("Closed", "Whether the pool is closed"),
            Map.entry("AcquireTimeoutMillis", "How long an acquire waits by default, in milliseconds (0: never waits)"),
            Map.entry("HealthCheckIntervalMillis", "How often idle resources are checked, in milliseconds"),
            Map.entry("Acquired", "Successful acquires (cumulative)"),
            Map.entry("Released", "Resources given back (cumulative)"),
            Map.entry("Invalidated", "Borrowed resources declared broken and destroyed (cumulative)"),
            Map.entry("Created", "Resources created (cumulative)"),
            Map.entry("Destroyed", "Resources destroyed, failed destroys included (cumulative)"),
            Map.entry("DestroyFailures", "Destroy calls that threw (cumulative)"),
            Map.entry("Timeouts", "Acquires that timed out (cumulative)"),
            Map.entry("CreateFailures", "Resource creations that failed (cumulative)"),
            Map.entry("MaxAcquireWaitMillis", "The longest any acquire waited, in milliseconds"),
            Map.entry("LastHealthCheckFailure", "Why the last resource failed its health check; empty if none has"),
            Map.entry("Min", "Resources the pool keeps live once used. Writable: 0 <= Min <= Max"),
            Map.entry("Max", "Most resources live or being created at once. Writable: Max >= 1 and Max >= Min"));

    private static final Map<String, String> OPERATIONS = Map.of(
            "checkHealth", "Checks every idle resource now and removes the unhealthy ones; "
                    + "returns how many were removed (0 without a health check)",
            "resize", "Sets Min and Max together (0 <= min <= max, max >= 1); invalid bounds change nothing",
            "initialize", "Creates resources up to Min now and waits for them",
            "evictIdle", "Destroys every idle resource (the pool refills to Min); returns how many",
            "suspend", "Stops lending: acquirers wait, up to their timeout, until resume",
            "resume", "Lends again after suspend, serving waiters oldest first");

    private static final String[] RESIZE_PARAMETERS = {"min", "max"};
    private static final String[] RESIZE_PARAMETER_DESCRIPTIONS = {
        "The new minimum, 0 <= min <= max",
        "The new maximum, at least 1",
    };

    private final PoolManagement management;

    PoolMBean(PoolManagement management, PoolNotifier notifier) {
        super(management, ResourcePoolMXBean.class, true, notifier.broadcaster());
        this.management = management;
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        return management.readingOneSnapshot(() -> super.getAttributes(attributes));
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return "A scopepool resource pool: live gauges and cumulative counters, writable Min/Max, "
                + "management operations, and notifications " + ResourcePoolMXBean.HEALTH_CHECK_FAILED
                + ", " + ResourcePoolMXBean.ACQUIRE_TIMEOUT + ", " + ResourcePoolMXBean.RESIZE
                + ", " + ResourcePoolMXBean.DOWN + " and " + ResourcePoolMXBean.UP;
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return ATTRIBUTES.getOrDefault(info.getName(), super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return OPERATIONS.getOrDefault(info.getName(), super.getDescription(info));
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return isResizeParameter(op, sequence) ? RESIZE_PARAMETERS[sequence]
                : super.getParameterName(op, param, sequence);
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return isResizeParameter(op, sequence) ? RESIZE_PARAMETER_DESCRIPTIONS[sequence]
                : super.getDescription(op, param, sequence);
    }

    /** Every operation changes the pool (even checkHealth destroys resources): say so, not UNKNOWN. */
    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return MBeanOperationInfo.ACTION;
    }

    private static boolean isResizeParameter(MBeanOperationInfo op, int sequence) {
        return op.getName().equals("resize") && sequence < RESIZE_PARAMETERS.length;
    }
}
