// SPDX-License-Identifier: Apache-2.0
/**
 * A JDBC {@link javax.sql.DataSource} on a scopepool pool:
 * {@link dev.scopepool.jdbc.ScopepoolDataSource}, built with its builder, is the only public type.
 *
 * <pre>{@code
 * ScopepoolDataSource ds = ScopepoolDataSource.builder()
 *     .name("orders-db").jdbcUrl("jdbc:postgresql://db/orders").username("app").password(secret)
 *     .max(20).build();
 * try (Connection c = ds.getConnection()) { ... }   // close() hands it back clean
 * }</pre>
 *
 * <p>The pool holds the drivers' physical connections; each loan is a
 * {@code ConnectionWrapper}, and the statements, result sets and metadata reached through it are
 * wrappers too (one hand-written delegating class per JDBC interface). What breaks a connection
 * is decided by one table, {@code FatalErrors}; what a borrower changed is undone in one method,
 * {@code ConnectionWrapper.resetForNextBorrower}. Compiles against {@code pool-api} and
 * {@code java.sql} only; {@code pool-impl} is found at run time.
 */
package dev.scopepool.jdbc;
