// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import dev.scopepool.impl.testkit.Fake;
import dev.scopepool.impl.testkit.FakeFactory;
import dev.scopepool.impl.testkit.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {

    @Test
    void aLongLoanIsLoggedOnceAtWarningWithTheAcquiringStack() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(LeakDetector.class.getName());
        logger.addHandler(capture);
        FakeFactory factory = new FakeFactory();
        try (ResourcePool<Fake> pool = ResourcePools.create(factory.config().name("leaky")
                .leakDetectionThreshold(Duration.ofMillis(30)).build())) {
            Fake f = acquireHere(pool);
            Poll.until("a leak was reported", () -> !records.isEmpty());
            LogRecord r = records.get(0);
            assertEquals(Level.WARNING, r.getLevel());
            assertTrue(r.getMessage().contains("leaky"), r.getMessage());
            assertNotNull(r.getThrown());
            boolean fromHere = java.util.Arrays.stream(r.getThrown().getStackTrace())
                    .anyMatch(e -> e.getMethodName().equals("acquireHere"));
            assertTrue(fromHere, "the stack names the acquiring call");
            // Give the detector several more periods: it must not report the same loan again.
            Poll.until("more scans passed", () -> pool.stats().acquired() == 1 && records.size() >= 1);
            pool.release(f);
            pool.release(pool.acquire());
            assertEquals(1, records.size(), "reported once per loan");
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static Fake acquireHere(ResourcePool<Fake> pool) throws InterruptedException {
        return pool.acquire();
    }
}
