// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jfr;

import dev.scopepool.PoolStats;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** Every live pool's {@link PoolStats}, emitted periodically (every second by default). */
@Name("dev.scopepool.PoolStatistics")
@Label("Pool Statistics")
@Category("scopepool")
@Description("A snapshot of one live pool's gauges and counters")
@Period("1 s")
@StackTrace(false)
final class PoolStatisticsEvent extends jdk.jfr.Event {

    @Label("Pool")
    @Description("The pool's name")
    String pool;

    @Label("Total")
    @Description("Live resources")
    int total;

    @Label("Available")
    @Description("Idle resources that can be lent now")
    int available;

    @Label("In Use")
    @Description("Resources on loan")
    int inUse;

    @Label("Waiting")
    @Description("Callers waiting for a resource")
    int waiting;

    @Label("Creating")
    @Description("Creations under way")
    int creating;

    @Label("Unhealthy")
    @Description("Resources found unhealthy (cumulative)")
    int unhealthy;

    @Label("Health Checks Enabled")
    @Description("Whether the pool has a health check")
    boolean healthChecksEnabled;

    @Label("Acquired")
    @Description("Successful acquires (cumulative)")
    long acquired;

    @Label("Released")
    @Description("Releases (cumulative)")
    long released;

    @Label("Invalidated")
    @Description("Invalidations (cumulative)")
    long invalidated;

    @Label("Created")
    @Description("Resources created (cumulative)")
    long created;

    @Label("Destroyed")
    @Description("Resources destroyed (cumulative)")
    long destroyed;

    @Label("Destroy Failures")
    @Description("Destroy calls that threw (cumulative)")
    long destroyFailures;

    @Label("Timeouts")
    @Description("Acquires that timed out (cumulative)")
    long timeouts;

    @Label("Create Failures")
    @Description("Creations that failed (cumulative)")
    long createFailures;

    @Label("Max Acquire Wait (ms)")
    @Description("The longest any acquire waited")
    long maxAcquireWaitMillis;

    @Label("Retired By Age")
    @Description("Resources retired at their maximum lifetime (cumulative)")
    long retiredByAge;

    @Label("Retired By Idle")
    @Description("Resources retired after staying idle too long (cumulative)")
    long retiredByIdle;

    @Label("Retired By Uses")
    @Description("Resources retired after their maximum number of loans (cumulative)")
    long retiredByUses;

    @Label("Rejected")
    @Description("Acquires refused because too many callers waited (cumulative)")
    long rejected;

    @Label("Abandoned")
    @Description("Hung creations and health checks given up (cumulative)")
    long abandoned;

    @Label("Down")
    @Description("Whether creations keep failing and the pool fails fast")
    boolean down;

    void set(String poolName, PoolStats stats) {
        pool = poolName;
        total = stats.total();
        available = stats.available();
        inUse = stats.inUse();
        waiting = stats.waiting();
        creating = stats.creating();
        unhealthy = stats.unhealthy();
        healthChecksEnabled = stats.healthChecksEnabled();
        acquired = stats.acquired();
        released = stats.released();
        invalidated = stats.invalidated();
        created = stats.created();
        destroyed = stats.destroyed();
        destroyFailures = stats.destroyFailures();
        timeouts = stats.timeouts();
        createFailures = stats.createFailures();
        maxAcquireWaitMillis = stats.maxAcquireWaitMillis();
        retiredByAge = stats.retiredByAge();
        retiredByIdle = stats.retiredByIdle();
        retiredByUses = stats.retiredByUses();
        rejected = stats.rejected();
        abandoned = stats.abandoned();
        down = stats.down();
    }
}
