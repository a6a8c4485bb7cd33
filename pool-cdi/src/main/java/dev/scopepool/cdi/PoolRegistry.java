// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Vetoed;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The open pools that CDI manages in this container, for consoles and health endpoints.
 *
 * <p>A pool appears here before its {@link PoolCreated} event and disappears before its
 * {@link PoolClosed} event, whether its context ended or someone closed it. Pools created
 * outside CDI ({@code ResourcePools.create}, {@code Scope}) are not listed. The entries are the
 * pools themselves, not client proxies, so they stay valid outside the pool's context (until
 * it closes). Thread-safe.
 *
 * <p>An {@code @ApplicationScoped} bean that the extension itself adds to the deployment, so
 * it exists exactly once whatever the container discovers: the class is {@code @Vetoed}, so
 * scanning the library's jar (implicit bean archives, discovery mode {@code all}) never
 * defines it a second time.
 */
@Vetoed
@ApplicationScoped
public class PoolRegistry {

    private final LivePools live;

    PoolRegistry(LivePools live) {
        this.live = live;
    }

    /** For the container's client proxy, which delegates every call to the real instance. */
    PoolRegistry() {
        this.live = null;
    }

    /**
     * @return an immutable snapshot of the open CDI-managed pools by pool name ({@code x} or
     *         {@code x-<n>}), sorted by name; later creations and closes do not change it
     */
    public Map<String, ResourcePool<?>> pools() {
        return live.snapshot();
    }

    /**
     * @param name a pool's own name ({@code x} or {@code x-<n>})
     * @return the open pool of that name, or empty
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<ResourcePool<?>> get(String name) {
        Objects.requireNonNull(name, "name must not be null");
        return live.get(name);
    }
}
