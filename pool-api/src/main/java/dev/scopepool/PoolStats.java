// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

/**
 * One snapshot of a pool's gauges and cumulative counters, from {@link ResourcePool#stats()}.
 *
 * <p>Every snapshot is one moment's, under any load: {@code available + inUse <= total}, no
 * count is negative, and {@code total + creating <= max} (except right after a resize to a
 * smaller max while borrowed surplus is out). In a quiet pool (nothing being acquired, released, created, checked or destroyed):
 * {@code total == available + inUse}, {@code acquired - released - invalidated == inUse} and
 * {@code created - destroyed == total}.
 *
 * @param total live resources: created and not yet being destroyed
 * @param available idle resources that can be lent now
 * @param inUse resources on loan
 * @param waiting callers waiting for a resource
 * @param creating creations under way
 * @param unhealthy resources found unhealthy since the pool was created (cumulative)
 * @param healthChecksEnabled whether the pool has a health check
 * @param acquired successful acquires (cumulative)
 * @param released releases (cumulative)
 * @param invalidated invalidations, including borrowed resources destroyed at close (cumulative)
 * @param created resources created (cumulative)
 * @param destroyed resources destroyed, failures included (cumulative)
 * @param destroyFailures destroy calls that threw (cumulative)
 * @param timeouts acquires that timed out (cumulative)
 * @param createFailures creations that failed (cumulative)
 * @param maxAcquireWaitMillis the longest any acquire waited, successful or not
 * @param retiredByAge resources retired because they reached their maximum lifetime (cumulative)
 * @param retiredByIdle resources retired because they stayed idle too long (cumulative)
 * @param retiredByUses resources retired because they served their maximum number of loans (cumulative)
 * @param rejected acquires refused at once because too many callers were already waiting (cumulative)
 * @param abandoned {@code create} calls and health checks given up because they hung (cumulative)
 * @param down whether the pool is down: creations keep failing, so acquirers that find no idle
 *        resource fail at once
 */
public record PoolStats(int total, int available, int inUse, int waiting, int creating,
        int unhealthy, boolean healthChecksEnabled,
        long acquired, long released, long invalidated, long created, long destroyed,
        long destroyFailures, long timeouts, long createFailures, long maxAcquireWaitMillis,
        long retiredByAge, long retiredByIdle, long retiredByUses, long rejected, long abandoned,
        boolean down) {
}
