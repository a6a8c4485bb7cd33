// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import stormpot.Pool;
import stormpot.Timeout;

/**
 * Stormpot's thread-safe {@code claim}/{@code release}, measured twice: with its default
 * expiration (a time-spread one that reads the clock on every claim) and with
 * {@code Expiration.never()}, its fastest honest setting for objects that never go stale.
 * The source compiles against Stormpot 3.2 (Java 17) and 4.x (Java 21+) alike.
 */
@State(Scope.Benchmark)
public class StormpotBench {

    private static final Timeout CLAIM_TIMEOUT = StormpotLender.timeout(BorrowTimeout.DURATION);

    @Param("8")
    public int size;

    @Param({"never", "default"})
    public String expiration;

    private Pool<StormpotToken> pool;

    @Setup(Level.Trial)
    public void fill() throws InterruptedException {
        pool = StormpotLender.newPool(size, "never".equals(expiration), CLAIM_TIMEOUT);
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        pool.shutdown().await(CLAIM_TIMEOUT);
    }

    @Benchmark
    public int claimRelease() throws InterruptedException {
        StormpotToken claimed = pool.claim(CLAIM_TIMEOUT);
        try {
            return claimed.token.id();
        } finally {
            claimed.release();
        }
    }
}
