package dev.scopepool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import stormpot.Allocator;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolBuilder;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot's thread-safe {@code claim}/{@code release}, measured twice: with its default
 * expiration (a time-spread one that reads the clock on every claim) and with
 * {@code Expiration.never()}, its fastest honest setting for objects that never go stale.
 * The source compiles against Stormpot 3.2 (Java 17) and 4.x (Java 21+) alike.
 */
@State(Scope.Benchmark)
public class StormpotBench {

    private static final Timeout CLAIM_TIMEOUT = new Timeout(BorrowTimeout.SECONDS, TimeUnit.SECONDS);

    @Param("8")
    public int size;

    @Param({"never", "default"})
    public String expiration;

    private Pool<StormpotToken> pool;

    @Setup(Level.Trial)
    public void fill() throws InterruptedException {
        PoolBuilder<StormpotToken> builder = Pool.from(new TokenAllocator()).setSize(size);
        if ("never".equals(expiration)) {
            builder.setExpiration(Expiration.never());
        }
        pool = builder.build();
        // Stormpot allocates on a background thread; holding every object once proves the pool full.
        List<StormpotToken> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(pool.claim(CLAIM_TIMEOUT));
        }
        all.forEach(StormpotToken::release);
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

    private static final class TokenAllocator implements Allocator<StormpotToken> {
        @Override
        public StormpotToken allocate(Slot slot) {
            return new StormpotToken(slot);
        }

        @Override
        public void deallocate(StormpotToken poolable) {
            // Nothing to free: a token holds no outside resource.
        }
    }
}
