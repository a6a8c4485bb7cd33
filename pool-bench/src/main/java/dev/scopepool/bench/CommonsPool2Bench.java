// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import org.apache.commons.pool2.impl.GenericObjectPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Apache Commons Pool2's {@code GenericObjectPool}, set up as {@link CommonsPool2Lender} describes. */
@State(Scope.Benchmark)
public class CommonsPool2Bench {

    @Param("8")
    public int size;

    private GenericObjectPool<Token> pool;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        pool = CommonsPool2Lender.newPool(size, BorrowTimeout.DURATION);
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public int borrowReturn() throws Exception {
        Token token = pool.borrowObject();
        try {
            return token.id();
        } finally {
            pool.returnObject(token);
        }
    }
}
