// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import stormpot.Allocator;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.PoolBuilder;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot's thread-safe claim/release, with {@code Expiration.never()} or its default
 * time-spread expiration (which reads the clock on every claim). Compiles against Stormpot 3.2
 * (Java 17) and 4.x (Java 21+) alike.
 */
final class StormpotLender implements Lender {

    private final Pool<StormpotToken> pool;
    private final Timeout timeout;

    StormpotLender(int size, boolean neverExpire, Duration timeout) throws InterruptedException {
        this.timeout = timeout(timeout);
        // Filling waits for Stormpot's allocator thread, which a busy machine may hold up longer
        // than a short borrow timeout.
        this.pool = newPool(size, neverExpire, timeout(BorrowTimeout.DURATION));
    }

    static Timeout timeout(Duration timeout) {
        return new Timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A pool of {@code size} tokens, proven full by holding every one of them once. */
    static Pool<StormpotToken> newPool(int size, boolean neverExpire, Timeout timeout) throws InterruptedException {
        PoolBuilder<StormpotToken> builder = Pool.from(new TokenAllocator()).setSize(size);
        if (neverExpire) {
            builder.setExpiration(Expiration.never());
        }
        Pool<StormpotToken> pool = builder.build();
        // Stormpot allocates on a background thread; claiming all of them waits for it.
        List<StormpotToken> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            StormpotToken claimed = pool.claim(timeout);
            if (claimed == null) {
                throw new IllegalStateException("Stormpot did not allocate " + size + " objects within " + timeout);
            }
            all.add(claimed);
        }
        all.forEach(StormpotToken::release);
        return pool;
    }

    @Override
    public Object borrow() throws InterruptedException {
        return pool.claim(timeout);
    }

    @Override
    public void giveBack(Object handle) {
        ((StormpotToken) handle).release();
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown().await(timeout);
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
