// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import org.junit.jupiter.api.extension.ExtendWith;

/** The data source's contract on a real PostgreSQL server. */
@ExtendWith(PostgresSupport.class)
class PostgresDataSourceTest extends DataSourceContract {

    PostgresDataSourceTest() {
        super(new PostgresDatabase());
    }
}
