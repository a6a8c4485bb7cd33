// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.scopepool.PoolConfig;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the configs of the test pools and records every resource they create. A
 * {@code @Singleton} bean, so a test holds the instance itself (no client proxy) and can
 * still read it after the container shut down.
 */
@Singleton
public class ResourceLedger {

    private final AtomicInteger ids = new AtomicInteger();
    private final List<FakeResource> created = new CopyOnWriteArrayList<>();

    /** Short shutdown timeout: a test that forgets a loan should not wait the default 5 s. */
    PoolConfig.Builder<FakeResource> builder() {
        return PoolConfig.<FakeResource>builder()
                .create(this::create)
                .destroy(FakeResource::destroy)
                .max(4)
                .acquireTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ofMillis(200));
    }

    PoolConfig<FakeResource> config() {
        return builder().build();
    }

    private FakeResource create() {
        FakeResource resource = new FakeResource(ids.incrementAndGet());
        created.add(resource);
        return resource;
    }

    List<FakeResource> created() {
        return List.copyOf(created);
    }

    /** Something was created, and every resource ever created was destroyed exactly once. */
    void assertEachDestroyedOnce() {
        assertFalse(created.isEmpty(), "no resource was created");
        for (FakeResource resource : created) {
            assertEquals(1, resource.timesDestroyed(), resource + " destroyed count");
        }
    }
}
