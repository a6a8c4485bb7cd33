// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.ResourcePool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * scopepool as a user meets it: a pool from {@code ResourcePools.create} (the engine found by
 * ServiceLoader), filled to {@code size} before measuring, without JMX.
 */
@State(Scope.Benchmark)
public class ScopepoolBench {

    @Param("8")
    public int size;

    private ResourcePool<Token> pool;

    @Setup(Level.Trial)
    public void fill() throws InterruptedException {
        pool = ScopepoolLender.newPool(size, BorrowTimeout.DURATION);
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    @Benchmark
    public int acquireRelease() throws InterruptedException {
        Token token = pool.acquire();
        try {
            return token.id();
        } finally {
            pool.release(token);
        }
    }

    /** The same pair through {@code execute}, which a user reaches for first. */
    @Benchmark
    public int execute() throws InterruptedException {
        return pool.execute(Token::id);
    }
}
