// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

/** The data source's contract on an in-process H2 database. */
class H2DataSourceTest extends DataSourceContract {

    H2DataSourceTest() {
        super(new H2Database());
    }
}
