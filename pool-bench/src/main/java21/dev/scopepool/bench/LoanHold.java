// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.concurrent.locks.LockSupport;

/** What a virtual thread does while it holds a loan: a blocking wait of {@link VirtualThreadScenario#HOLD}. */
enum LoanHold {

    /**
     * {@code Thread.sleep}: the token pools' hold since their first runs, kept so that their
     * results stay comparable. On a virtual thread it parks until the time is up.
     */
    SLEEP {
        @Override
        void hold() throws InterruptedException {
            Thread.sleep(VirtualThreadScenario.HOLD);
        }
    },

    /**
     * {@code LockSupport.parkNanos} until the time is up: what a virtual thread does while it waits
     * on a socket for a database's answer, so it models the round trip a connection is held for.
     * The thread unmounts and its carrier runs other threads meanwhile, as during a real read. A
     * busy-spin would model work on the client's own CPU instead, and with 1,000 threads on a few
     * carriers it would make the carriers, not the data source, the bottleneck. Parked again until
     * the deadline, since a permit left by a pool's earlier unpark would end the first park at once.
     */
    PARK {
        @Override
        void hold() {
            long deadline = System.nanoTime() + VirtualThreadScenario.HOLD.toNanos();
            for (long left = VirtualThreadScenario.HOLD.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    };

    abstract void hold() throws InterruptedException;
}
