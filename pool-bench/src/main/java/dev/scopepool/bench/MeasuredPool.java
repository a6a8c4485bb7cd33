// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.time.Duration;

/**
 * A pool the virtual-thread runs measure, whatever it lends: named by {@link #key()} on a child
 * JVM's command line and in its outcome file, and by {@link #label()} in the report.
 */
interface MeasuredPool {

    /** @return the name that finds this pool again; unique among all measured pools */
    String key();

    /** @return the pool's row in the report */
    String label();

    boolean isScopepool();

    /** @return a full pool of {@code size} whose borrows give up after {@code timeout} */
    Lender open(int size, Duration timeout) throws Exception;
}
