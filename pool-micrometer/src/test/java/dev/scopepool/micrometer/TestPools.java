// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.micrometer;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Real pools of plain objects, uniquely named, closed after each test. */
final class TestPools implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final List<ResourcePool<?>> open = new ArrayList<>();

    ResourcePool<Object> pool(UnaryOperator<PoolConfig.Builder<Object>> settings) {
        PoolConfig.Builder<Object> builder = PoolConfig.builder()
                .name("metrics-" + SEQUENCE.incrementAndGet())
                .create(Object::new)
                .max(3)
                .acquireTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(Duration.ZERO)
                .jmx(false);
        ResourcePool<Object> pool = ResourcePools.create(settings.apply(builder).build());
        open.add(pool);
        return pool;
    }

    ResourcePool<Object> pool() {
        return pool(b -> b);
    }

    @Override
    public void close() {
        open.forEach(ResourcePool::close);
    }
}
