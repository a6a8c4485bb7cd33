// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.apps;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What one application does with its pools, run inside its {@link ApplicationLoader} (so it
 * sees only the JDK and that loader's pool-api and pool-impl). Commands: {@code open <pool>},
 * {@code wait <pool>} (an acquire that has to wait, then a health check), {@code close-all}.
 */
public final class ApplicationScenario implements Function<String, String> {

    private final Map<String, ResourcePool<Object>> pools = new ConcurrentHashMap<>();

    @Override
    public String apply(String command) {
        String[] words = command.split(" ");
        try {
            switch (words[0]) {
                case "open" -> {
                    ResourcePool<Object> pool = ResourcePools.create(PoolConfig.builder().name(words[1])
                            .create(Object::new).min(1).max(1).acquireTimeout(Duration.ofSeconds(10)).build());
                    pools.put(words[1], pool);
                    return pool.name();
                }
                case "wait" -> {
                    ResourcePool<Object> pool = pools.get(words[1]);
                    Object held = pool.acquire();
                    CompletableFuture<Object> waiting = pool.acquireAsync();
                    pool.release(held);
                    Object served = waiting.get(10, TimeUnit.SECONDS);
                    pool.release(served);
                    pool.checkHealth();
                    return "acquired " + pool.stats().acquired();
                }
                case "close-all" -> {
                    List<ResourcePool<Object>> open = List.copyOf(pools.values());
                    pools.clear();
                    open.forEach(ResourcePool::close);
                    return "closed " + open.size();
                }
                default -> throw new IllegalArgumentException(command);
            }
        } catch (Exception e) {
            throw new IllegalStateException(command + " failed: " + e, e);
        }
    }
}
