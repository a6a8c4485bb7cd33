// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

import dev.scopepool.HealthCheck;
import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.cdi.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Declares the demo pools the way an application would: {@code @Produces @Pool} configs,
 * which pool-cdi turns into injectable {@code ResourcePool} beans that close with the
 * application context. Also owns each pool's {@link DemoBehaviour} MBean, registered while
 * this bean lives.
 *
 * <p>The sizes are chosen so the load generator keeps each pool busy: the database pool has
 * fewer connections than clients and a short acquire timeout, so waits and timeouts move.
 * Each pool also shows one group of engine features, so an operator sees them act:
 * <ul>
 *   <li>{@value #DATABASE}: outage handling. After {@value #FAIL_FAST_AFTER} failed creations
 *       in a row it is down (fails acquires at once instead of waiting) until a creation
 *       succeeds again; at most {@value #DATABASE_MAX_WAITERS} callers wait, further ones are
 *       rejected.</li>
 *   <li>{@value #HTTP}: lifecycle by time. Each client lives at most
 *       {@link #HTTP_MAX_LIFETIME}, and one idle for {@link #HTTP_IDLE_TIMEOUT} is retired
 *       while the pool holds more than its minimum.</li>
 *   <li>{@value #WORKERS}: lifecycle by use. A worker is retired after
 *       {@value #WORKERS_MAX_USES} loans.</li>
 * </ul>
 * With a {@link DemoFleetBudgets fleet budget} each pool also takes a permit before each
 * creation, shared with every other console on the same ZooKeeper.
 */
@ApplicationScoped
public class DemoPools {

    /** A database connection pool, on a real in-process H2 database. */
    public static final String DATABASE = "orders-db";
    /** A simulated HTTP client pool. */
    public static final String HTTP = "catalog-http";
    /** A simulated worker pool. */
    public static final String WORKERS = "report-workers";
    /** Every demo pool, in creation order. */
    public static final List<String> NAMES = List.of(DATABASE, HTTP, WORKERS);
    /** Consecutive failed creations after which the database pool is down. */
    public static final int FAIL_FAST_AFTER = 3;
    /** Callers the database pool lets wait at once; the load generator runs more. */
    public static final int DATABASE_MAX_WAITERS = 2;
    /** Oldest age of an HTTP client before it is replaced. */
    public static final Duration HTTP_MAX_LIFETIME = Duration.ofSeconds(45);
    /** Idle time after which an HTTP client above the minimum is closed. */
    public static final Duration HTTP_IDLE_TIMEOUT = Duration.ofSeconds(15);
    /** Loans after which a worker is replaced. */
    public static final int WORKERS_MAX_USES = 50;

    /** Where each pool takes its creation permits from, when the console runs with a fleet budget. */
    @Inject
    DemoFleetBudgets budgets;

    /** The real database the database pool connects to, open while this bean lives. */
    private DemoDatabase orders;

    private DemoBehaviour database;
    private DemoBehaviour http;
    private DemoBehaviour workers;

    /** For CDI. */
    public DemoPools() {
    }

    @PostConstruct
    void registerBehaviours() {
        orders = new DemoDatabase();
        database = new DemoBehaviour(DATABASE, 50, 0.02);
        http = new DemoBehaviour(HTTP, 80, 0.01);
        workers = new DemoBehaviour(WORKERS, 25, 0.0);
        for (DemoBehaviour behaviour : List.of(database, http, workers)) {
            behaviour.register();
        }
    }

    @PreDestroy
    void unregisterBehaviours() {
        for (DemoBehaviour behaviour : List.of(database, http, workers)) {
            behaviour.unregister();
        }
        orders.close();
    }

    @Produces
    @Pool(DATABASE)
    @ApplicationScoped
    PoolConfig<DatabaseConnection> database() {
        DemoBehaviour behaviour = database;
        DemoDatabase db = orders;
        return PoolConfig.<DatabaseConnection>builder()
                .create(() -> new DatabaseConnection(behaviour, db))
                .min(2).max(3)
                .acquireTimeout(Duration.ofMillis(100))
                .healthCheck(healthCheck())
                .healthCheckInterval(Duration.ofSeconds(10))
                .healthCheckTimeout(Duration.ofSeconds(2))
                .leakDetectionThreshold(Duration.ofSeconds(30))
                .failFastAfter(FAIL_FAST_AFTER)
                .maxWaiters(DATABASE_MAX_WAITERS)
                .creationPermits(budgets.of(DATABASE))
                .build();
    }

    @Produces
    @Pool(HTTP)
    @ApplicationScoped
    PoolConfig<SimulatedHttpClient> http() {
        DemoBehaviour behaviour = http;
        return PoolConfig.<SimulatedHttpClient>builder()
                .create(() -> new SimulatedHttpClient(behaviour))
                .min(1).max(3)
                .acquireTimeout(Duration.ofSeconds(1))
                .maxLifetime(HTTP_MAX_LIFETIME)
                .idleTimeout(HTTP_IDLE_TIMEOUT)
                .healthCheck(healthCheck())
                .healthCheckInterval(Duration.ofSeconds(15))
                .healthCheckTimeout(Duration.ofSeconds(2))
                .creationPermits(budgets.of(HTTP))
                .build();
    }

    @Produces
    @Pool(WORKERS)
    @ApplicationScoped
    PoolConfig<SimulatedWorker> workers() {
        DemoBehaviour behaviour = workers;
        return PoolConfig.<SimulatedWorker>builder()
                .create(() -> new SimulatedWorker(behaviour))
                .min(2).max(2)
                .acquireTimeout(Duration.ofSeconds(2))
                .maxUses(WORKERS_MAX_USES)
                .healthCheck(healthCheck())
                .healthCheckInterval(Duration.ofSeconds(20))
                .healthCheckTimeout(Duration.ofSeconds(2))
                .creationPermits(budgets.of(WORKERS))
                .build();
    }

    private static <T extends SimulatedResource> HealthCheck<T> healthCheck() {
        return resource -> resource.isHealthy()
                ? HealthCheckResult.ok()
                : HealthCheckResult.unhealthy(resource + " is broken");
    }
}
