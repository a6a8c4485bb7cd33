// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The two floors of an uncontended acquire/release pair, measured beside the pools in the same
 * run: what no pool can beat, and what a pool with scopepool's guarantees cannot beat.
 *
 * <ul>
 *   <li>{@link #casAndStore}: claim an idle slot by CAS, give it back with an ordered store.
 *       The least any pool can do: it neither notices a double release nor has any way to
 *       see a waiter that queued meanwhile.</li>
 *   <li>{@link #twoCas}: the same claim, and a CAS back. The least a pool can do that rejects a
 *       double release (the second CAS fails) and never misses a waiter (a read-modify-write
 *       orders the release against a waiter's queueing).</li>
 * </ul>
 * Each thread starts its scan at a slot of its own, kept in its JMH thread state: a pool
 * needs a thread-local or a hash for that, the floor gets it for free.
 */
@State(Scope.Benchmark)
public class FloorBench {

    @Param("8")
    public int size;

    private FloorSlot[] slots;

    @Setup(Level.Trial)
    public void fill() {
        slots = new FloorSlot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new FloorSlot();
        }
    }

    /** Where one benchmark thread starts scanning, and where it last found an idle slot. */
    @State(Scope.Thread)
    public static class Start {
        private static final AtomicInteger NEXT_THREAD = new AtomicInteger();

        int index;

        @Setup(Level.Trial)
        public void spreadOut(FloorBench bench) {
            index = Math.floorMod(NEXT_THREAD.getAndIncrement(), bench.size);
        }
    }

    @Benchmark
    public int casAndStore(Start start) {
        FloorSlot slot = claim(start);
        try {
            return slot.token.id();
        } finally {
            slot.storeIdle();
        }
    }

    @Benchmark
    public int twoCas(Start start) {
        FloorSlot slot = claim(start);
        try {
            return slot.token.id();
        } finally {
            if (!slot.casIdle()) {
                throw new IllegalStateException("slot was not lent");
            }
        }
    }

    /** Scans from the thread's last slot; the benchmarks never run more threads than slots. */
    private FloorSlot claim(Start start) {
        FloorSlot[] all = slots;
        int i = start.index;
        for (;;) {
            FloorSlot slot = all[i];
            if (slot.isIdle() && slot.claim()) {
                start.index = i;
                return slot;
            }
            if (++i == all.length) {
                i = 0;
            }
        }
    }
}
