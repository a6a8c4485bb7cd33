package dev.scopepool.cdi;

import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * <p>The extension adds this bean to the deployment; do not add the class to a bean archive
 * yourself.
 */
@ApplicationScoped
public class PoolRegistry {

    private final LivePools live;

    @Inject
    PoolRegistry(PoolExtension extension) {
        this.live = extension.livePools();
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
