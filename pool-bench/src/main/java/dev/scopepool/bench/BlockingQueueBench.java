// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floor: the pool anyone writes in five lines, an {@code ArrayBlockingQueue} of idle
 * resources behind one lock. A real pool that is slower than this has no excuse.
 */
@State(Scope.Benchmark)
public class BlockingQueueBench {

    @Param("8")
    public int size;

    private BlockingQueue<Token> idle;

    @Setup(Level.Trial)
    public void fill() {
        idle = BlockingQueueLender.newQueue(size);
    }

    @TearDown(Level.Trial)
    public void close() {
        idle.clear();
    }

    @Benchmark
    public int pollOffer() throws InterruptedException {
        Token token = idle.poll(BorrowTimeout.SECONDS, TimeUnit.SECONDS);
        try {
            return token.id();
        } finally {
            idle.offer(token);
        }
    }
}
