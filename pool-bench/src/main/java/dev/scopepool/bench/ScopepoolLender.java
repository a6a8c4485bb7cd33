// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import dev.scopepool.AcquireTimeoutException;
import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import java.time.Duration;

/** scopepool as a user meets it: from {@link ResourcePools#create}, full, without JMX. */
final class ScopepoolLender implements Lender {

    private final ResourcePool<Token> pool;

    ScopepoolLender(int size, Duration timeout) throws InterruptedException {
        pool = newPool(size, timeout);
    }

    /** The pool every scopepool benchmark measures, filled to {@code size}. */
    static ResourcePool<Token> newPool(int size, Duration timeout) throws InterruptedException {
        ResourcePool<Token> pool = ResourcePools.create(PoolConfig.<Token>builder()
                .create(Token::new).min(size).max(size)
                .acquireTimeout(timeout).jmx(false).build());
        pool.initialize();
        return pool;
    }

    @Override
    public Object borrow() throws InterruptedException {
        try {
            return pool.acquire();
        } catch (AcquireTimeoutException e) {
            return null;
        }
    }

    @Override
    public void giveBack(Object handle) {
        pool.release((Token) handle);
    }

    @Override
    public void close() {
        pool.close();
    }
}
