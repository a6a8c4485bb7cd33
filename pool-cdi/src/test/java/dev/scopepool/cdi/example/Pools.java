// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi.example;

import dev.scopepool.PoolConfig;
import dev.scopepool.cdi.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;

/** The producer of the CDI example in docs/cdi.md. */
@ApplicationScoped class Pools {
    @Produces @Pool("orders-db") @ApplicationScoped
    PoolConfig<Conn> ordersDb(DbSettings s) {
        return PoolConfig.<Conn>builder()
                .create(() -> Db.connect(s.url()))
                .destroy(Conn::close)
                .min(2).max(10)
                .acquireTimeout(Duration.ofSeconds(5))
                .build();
    }
}
