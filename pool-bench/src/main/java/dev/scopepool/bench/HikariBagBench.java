// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import com.zaxxer.hikari.util.ConcurrentBag;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * HikariCP's {@code ConcurrentBag} used directly: the lending core of Hikari without its
 * connection policy (housekeeping, leak task, proxies), so it is the fastest Hikari can be.
 */
@State(Scope.Benchmark)
public class HikariBagBench {

    @Param("8")
    public int size;

    private ConcurrentBag<BagToken> bag;

    @Setup(Level.Trial)
    public void fill() {
        bag = HikariBagLender.newBag(size);
    }

    @TearDown(Level.Trial)
    public void close() {
        bag.close();
    }

    @Benchmark
    public int borrowRequite() throws InterruptedException {
        BagToken entry = bag.borrow(BorrowTimeout.SECONDS, TimeUnit.SECONDS);
        try {
            return entry.token.id();
        } finally {
            bag.requite(entry);
        }
    }
}
