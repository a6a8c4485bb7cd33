// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A call that hangs and ignores interrupts, like a driver stuck in a socket read: it returns
 * only once {@link #letGo()} is called (or after 30 s), and remembers whether it was
 * interrupted meanwhile (the interrupt stays set when it returns).
 */
public final class Stubborn {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean interrupted;

    /** Hangs until let go, through interrupts. */
    public void hang() {
        entered.countDown();
        boolean wasInterrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            try {
                released.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                break;
            } catch (InterruptedException e) {
                wasInterrupted = true;
                interrupted = true;
            }
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public void awaitEntered() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("nothing entered the hanging call within 10s");
        }
    }

    public void letGo() {
        released.countDown();
    }

    /** @return whether the hung call was interrupted */
    public boolean wasInterrupted() {
        return interrupted;
    }
}
