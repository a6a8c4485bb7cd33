// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The pool anyone writes in five lines: an {@code ArrayBlockingQueue} of idle tokens behind one
 * lock. A real pool that is slower than this has no excuse.
 */
final class BlockingQueueLender implements Lender {

    private final BlockingQueue<Token> idle;
    private final long timeoutNanos;

    BlockingQueueLender(int size, Duration timeout) {
        idle = newQueue(size);
        timeoutNanos = timeout.toNanos();
    }

    static BlockingQueue<Token> newQueue(int size) {
        BlockingQueue<Token> idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(new Token());
        }
        return idle;
    }

    @Override
    public Object borrow() throws InterruptedException {
        return idle.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void giveBack(Object handle) {
        if (!idle.offer((Token) handle)) {
            throw new IllegalStateException("more tokens given back than the queue holds");
        }
    }

    @Override
    public void close() {
        idle.clear();
    }
}
