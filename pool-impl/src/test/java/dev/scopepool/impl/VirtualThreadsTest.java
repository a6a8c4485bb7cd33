// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The engine tells virtual threads from platform threads on a JDK 21+, where both exist. */
@Tag("virtual-threads")
class VirtualThreadsTest {

    @Test
    void aVirtualThreadIsRecognised() throws Exception {
        ExecutorService threads = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try {
            assertTrue(threads.submit(VirtualThreads::isCurrent).get(30, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aPlatformThreadIsNotVirtual() {
        assertFalse(VirtualThreads.isCurrent());
    }
}
