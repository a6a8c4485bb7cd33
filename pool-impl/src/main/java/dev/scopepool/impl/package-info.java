// SPDX-License-Identifier: Apache-2.0
/**
 * The pool engine behind {@link dev.scopepool.ResourcePools}: found by
 * {@link java.util.ServiceLoader} as {@link dev.scopepool.impl.EngineProvider}, the only
 * public class here. Everything else is package-private.
 *
 * <h2>Who owns what</h2>
 * <ul>
 *   <li>{@code EngineProvider} names a pool, registers it in JMX, starts its housekeeping.</li>
 *   <li>{@code EnginePool} is the pool: acquire, release, invalidate and close, the run state
 *       (STARTED, CLOSED) and the management operations; its class comment lists the
 *       invariants every class here keeps.</li>
 *   <li>{@code AbstractResourcePool} derives {@code execute}, {@code executeAsync},
 *       {@code lease} and {@code acquire()} from the primitives.</li>
 *   <li>{@code SlotBag} is the lock-free fast path: lending idle slots by CAS and handing
 *       returned ones to waiters. {@code Slot} is one resource and its state machine;
 *       {@code WaiterQueue} and {@code Waiter} are the FIFO of callers who wait.</li>
 *   <li>{@code WaitingAcquirers} is the slow path of acquire: queueing, parking, timing out,
 *       completing asynchronous acquires.</li>
 *   <li>{@code Allocator} brings resources in: {@code Capacity} reservations
 *       ({@code total + creating <= max}), every creation, the fill to {@code min} and its
 *       backoff. {@code CreationLine} runs its creations: at most {@code maxConcurrentCreates}
 *       at once, the rest queued as {@code Creation}s, each {@code create} call given up at
 *       {@code createTimeout}.</li>
 *   <li>{@code Reclaimer} takes resources back (to a waiter, idle, or out) and performs every
 *       retirement with its {@code RetirementReason}; it asks the allocator only to refill.</li>
 *   <li>{@code Shutdown} runs the steps of close within the shutdown timeout.</li>
 *   <li>{@code Outage} decides from creation outcomes whether the pool is down, refuses
 *       acquirers meanwhile and schedules the probe; {@code Backoff} times its retries and
 *       the allocator's.</li>
 *   <li>{@code HealthChecker} runs health checks (on demand, periodically and before a loan),
 *       keeps their failures' bookkeeping, and abandons a resource whose check hangs;
 *       {@code LeakDetector} reports long loans.</li>
 *   <li>{@code LifecyclePolicy} holds maxLifetime, idleTimeout, maxUses and checkOnAcquire and
 *       the per-slot decisions they make; {@code LoanScreen} applies them to a slot about to be
 *       lent; {@code LifecycleSweep} retires expired and long-idle slots periodically.
 *       {@code PeriodicWorkerRun} starts such periodic work on a worker.</li>
 *   <li>{@code PoolMetrics} holds the counters and builds {@link dev.scopepool.PoolStats};
 *       {@code PoolEvents} calls the listeners; {@code PoolThreads} owns every thread a pool
 *       starts, a fixed number per role.</li>
 *   <li>{@link dev.scopepool.impl.jmx} adapts a pool to JMX, through its public API and a
 *       listener only.</li>
 * </ul>
 *
 * <p>Collaborators see the pool through narrow interfaces: {@code RunState} (configuration,
 * closed, the closed exception), {@code CheckedPool} (what a health check may do), and
 * {@code WaitingAcquirers.Lender}.
 */
package dev.scopepool.impl;
