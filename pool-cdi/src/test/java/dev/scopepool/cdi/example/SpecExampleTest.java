package dev.scopepool.cdi.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.cdi.PoolExtension;
import java.util.List;
import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** The SPEC §5 example (also the README's CDI section) compiles and does what it says. */
class SpecExampleTest {

    @Test
    void theOrdersPoolIsInjectedUsedAndClosedWithTheApplication() throws InterruptedException {
        List<Conn> before = Db.opened();
        try (WeldContainer container = new Weld("spec-example")
                .disableDiscovery()
                // OrderService has no bean-defining annotation, as in the SPEC.
                .setBeanDiscoveryMode(BeanDiscoveryMode.ALL)
                .addExtension(new PoolExtension())
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
