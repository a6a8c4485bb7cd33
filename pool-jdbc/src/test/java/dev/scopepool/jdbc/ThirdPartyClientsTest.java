// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Flyway and Hibernate ORM on the data source, against PostgreSQL: clients nobody here wrote. */
@ExtendWith(PostgresSupport.class)
class ThirdPartyClientsTest {

    private final PostgresDatabase db = new PostgresDatabase();
    private Connection admin;
    private ScopepoolDataSource ds;

    @BeforeEach
    void open() throws SQLException {
        admin = db.admin();
        DataSourceContract.execute(admin, "DROP SCHEMA IF EXISTS shop CASCADE");
        DataSourceContract.execute(admin, "CREATE SCHEMA shop");
        ds = db.builder("third-party").max(2).schema("shop").build();
    }

    @AfterEach
    void close() throws Exception {
        ds.close();
        Eventually.await(DataSourceContract.WAIT, "no session left", () -> db.sessions(admin, "third-party") == 0);
        admin.close();
    }

    @Test
    void flywayMigratesThroughThePoolAndLeavesItsConnectionsClean() throws SQLException {
        MigrateResult result = Flyway.configure().dataSource(ds).schemas("shop").locations("classpath:db/migration")
                .load().migrate();
        assertEquals(2, result.migrationsExecuted);
        assertEquals(1, DataSourceContract.count(admin, "SELECT COUNT(*) FROM shop.orders"));
        assertTrue(db.sessions(admin, "third-party") <= 2);
        try (Connection c = ds.getConnection()) {
            assertTrue(c.getAutoCommit());
            assertEquals("shop", db.currentSchema(c));
        }
        assertEquals(0, ds.pool().stats().inUse());
    }

    @Test
    void aHibernateSessionWorksOnTheDataSource() throws SQLException {
        Flyway.configure().dataSource(ds).schemas("shop").locations("classpath:db/migration").load().migrate();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.datasource", ds)
                .applySetting("hibernate.default_schema", "shop")
                .applySetting("hibernate.hbm2ddl.auto", "none")
                .build();
        try (SessionFactory sessions = new MetadataSources(registry).addAnnotatedClass(Order.class)
                .buildMetadata().buildSessionFactory()) {
            sessions.inTransaction(session -> session.persist(new Order(2, "second customer", new BigDecimal("7.25"))));
            long count = sessions.fromSession(session -> session
                    .createSelectionQuery("select count(o) from Order o", Long.class).getSingleResult());
            assertEquals(2, count);
            // A transaction Hibernate rolls back leaves nothing behind in the pooled connection.
            try {
                sessions.inTransaction(session -> {
                    session.persist(new Order(3, "third", BigDecimal.ONE));
                    session.flush();
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // rolled back by Hibernate
            }
            assertEquals(2, DataSourceContract.count(admin, "SELECT COUNT(*) FROM shop.orders"));
        }
        assertEquals(0, ds.pool().stats().inUse());
        assertEquals(0, ds.pool().stats().invalidated());
        try (Connection c = ds.getConnection()) {
            assertTrue(c.getAutoCommit(), "Hibernate's auto-commit change was undone");
        }
    }

    /** An order as Hibernate maps it. */
    @Entity(name = "Order")
    @Table(name = "orders")
    public static class Order {
        @Id
        private long id;
        private String customer;
        private BigDecimal total;

        protected Order() {
        }

        Order(long id, String customer, BigDecimal total) {
            this.id = id;
            this.customer = customer;
            this.total = total;
        }
    }
}
