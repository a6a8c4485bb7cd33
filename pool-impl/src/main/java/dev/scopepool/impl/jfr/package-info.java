// SPDX-License-Identifier: Apache-2.0
/**
 * JDK Flight Recorder events of the pool engine, in category {@code scopepool}: waits
 * ({@code dev.scopepool.AcquireWait}), factory calls ({@code dev.scopepool.ResourceCreate}),
 * retirements ({@code dev.scopepool.ResourceRetire}), health checks
 * ({@code dev.scopepool.HealthCheck}) and a periodic snapshot of every live pool
 * ({@code dev.scopepool.PoolStatistics}). The engine emits them only off its fast path: an
 * acquire that found an idle resource records nothing.
 */
package dev.scopepool.impl.jfr;
