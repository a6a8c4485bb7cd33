// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.time.Duration;
import java.util.NoSuchElementException;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Apache Commons Pool2's {@code GenericObjectPool} as a performance-minded user sets it up: fixed
 * size and full, blocking borrow, no validation, no evictor, no JMX, and no detailed statistics
 * (which cost a clock read and a shared update per borrow and return).
 */
final class CommonsPool2Lender implements Lender {

    private final GenericObjectPool<Token> pool;

    CommonsPool2Lender(int size, Duration timeout) throws Exception {
        pool = newPool(size, timeout);
    }

    static GenericObjectPool<Token> newPool(int size, Duration timeout) throws Exception {
        GenericObjectPoolConfig<Token> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setMinIdle(size);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(timeout);
        config.setJmxEnabled(false);
        config.setCollectDetailedStatistics(false);
        GenericObjectPool<Token> pool = new GenericObjectPool<>(new TokenFactory(), config);
        pool.preparePool();
        return pool;
    }

    @Override
    public Object borrow() throws Exception {
        try {
            return pool.borrowObject();
        } catch (NoSuchElementException timedOut) {
            return null;
        }
    }

    @Override
    public void giveBack(Object handle) {
        pool.returnObject((Token) handle);
    }

    @Override
    public void close() {
        pool.close();
    }

    private static final class TokenFactory extends BasePooledObjectFactory<Token> {
        @Override
        public Token create() {
            return new Token();
        }

        @Override
        public PooledObject<Token> wrap(Token token) {
            return new DefaultPooledObject<>(token);
        }
    }
}
