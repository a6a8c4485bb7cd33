// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import javax.sql.DataSource;

/**
 * The type of a {@code @Pool("x") DataSource} bean's instance and client proxy. Inject
 * {@code DataSource}; {@code unwrap(ScopepoolDataSource.class)} reaches the data source itself
 * (its pool, stats and name).
 *
 * <p>It exists because containers build an application-scoped bean's client proxy from its
 * bean class: {@code javax.sql.DataSource} lives in a JDK module where no proxy class may be
 * defined, so the bean class is this interface of the application's class loader instead.
 */
public interface PoolDataSource extends DataSource {
}
