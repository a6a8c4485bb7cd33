// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import dev.scopepool.HealthCheckResult;
import dev.scopepool.PoolConfig;
import dev.scopepool.cdi.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/**
 * The application's pools, one per scope. Sizes and timeouts here are defaults:
 * {@code META-INF/microprofile-config.properties} (or the server's configuration) overrides
 * them as {@code scopepool.<name>.<setting>}.
 */
@ApplicationScoped
public class Pools {

    /** One pool for the whole application, shared by every request; closed at undeploy. */
    @Produces @Pool("shared") @ApplicationScoped
    PoolConfig<Channel> shared() {
        return channels().min(1).max(4).build();
    }

    /** A pool of its own for each HTTP request, closed when the request ends. */
    @Produces @Pool("per-request") @RequestScoped
    PoolConfig<Channel> perRequest() {
        return channels().max(2).build();
    }

    /** A pool for each bean that injects it, closed when that bean is destroyed. */
    @Produces @Pool("dependent") @Dependent
    PoolConfig<Channel> dependent() {
        return channels().max(1).build();
    }

    // A JDBC DataSource on a pool belongs here too, declared with @Pool like the others, once
    // the pool-jdbc module is available.

    private static PoolConfig.Builder<Channel> channels() {
        return PoolConfig.<Channel>builder()
                .create(Channel::new)
                .destroy(Channel::close)
                .healthCheck(c -> c.isOpen() ? HealthCheckResult.ok() : HealthCheckResult.unhealthy("closed"))
                .acquireTimeout(Duration.ofSeconds(5));
    }
}
