// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.testkit;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Threads that play other callers of a pool (waiters, closers), registered with
 * {@code @RegisterExtension}: after each test they are interrupted and must end within 10 s.
 */
public final class Callers implements AfterEachCallback {

    private final ExecutorService threads = Executors.newCachedThreadPool();

    public <V> Future<V> submit(Callable<V> call) {
        return threads.submit(call);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        threads.shutdownNow();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new AssertionError("caller threads still running 10s after the test");
        }
    }
}
