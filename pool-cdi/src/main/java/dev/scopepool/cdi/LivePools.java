// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.ResourcePool;
import jakarta.enterprise.inject.Vetoed;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open CDI-managed pools of one container, by pool name. Owned by the extension because
 * it must outlive every context whose pools it lists; {@link PoolRegistry} is its public view.
 * Thread-safe. {@code @Vetoed}: a container that scans the library's jar in discovery mode
 * {@code all} must not turn it into a bean of its own.
 */
@Vetoed
final class LivePools {

    private final ConcurrentMap<String, ResourcePool<?>> byName = new ConcurrentHashMap<>();

    void add(ResourcePool<?> pool) {
        byName.put(pool.name(), pool);
    }

    /**
     * Pool names are unique among live pools of a container (a bare name belongs to the one
     * application-scoped or singleton instance, suffixed names never repeat), so the name is
     * enough to remove exactly this pool.
     *
     * @return whether the pool was listed; only the caller that gets {@code true} reports it closed
     */
    boolean remove(String name) {
        return byName.remove(name) != null;
    }

    /** A copy sorted by name, so consoles list pools in a stable order. */
    Map<String, ResourcePool<?>> snapshot() {
        return Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    Optional<ResourcePool<?>> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
