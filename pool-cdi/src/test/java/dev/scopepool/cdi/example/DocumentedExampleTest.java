// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.cdi.PoolExtension;
import java.util.List;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import org.junit.jupiter.api.Test;

/** The CDI example of docs/cdi.md compiles and does what it says. */
class DocumentedExampleTest {

    @Test
    void theOrdersPoolIsInjectedUsedAndClosedWithTheApplication() throws InterruptedException {
        List<Conn> before = Db.opened();
        try (SeContainer container = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new PoolExtension())
                .addBeanClasses(Pools.class, OrderService.class, DbSettings.class)
                .initialize()) {
            OrderService service = container.select(OrderService.class).get();

            assertEquals("1", service.pool.execute(c -> c.query("SELECT 1")));
            assertEquals("orders-db", service.pool.name());
            assertEquals(5_000, service.pool.config().acquireTimeout().toMillis());
        }
        List<Conn> opened = Db.opened().subList(before.size(), Db.opened().size());
        assertFalse(opened.isEmpty());
        assertTrue(opened.stream().allMatch(Conn::isClosed), "every connection closed at shutdown");
    }
}
