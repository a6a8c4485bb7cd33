package dev.scopepool.bench;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Apache Commons Pool2's {@code GenericObjectPool}, configured the way a performance-minded user
 * would: fixed size and full, blocking borrow, no validation, no evictor, no JMX, and no detailed
 * statistics (which cost a clock read and a shared update per borrow and return).
 */
@State(Scope.Benchmark)
public class CommonsPool2Bench {

    @Param("8")
    public int size;

    private GenericObjectPool<Token> pool;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        GenericObjectPoolConfig<Token> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setMinIdle(size);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(BorrowTimeout.DURATION);
        config.setJmxEnabled(false);
        config.setCollectDetailedStatistics(false);
        pool = new GenericObjectPool<>(new TokenFactory(), config);
        pool.preparePool();
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
