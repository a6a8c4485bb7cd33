// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.System.Logger.Level.DEBUG;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import dev.scopepool.ResourcePools;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Creates and destroys the pools of one declaration: the create and destroy of its synthetic
 * {@code ResourcePool<T>} bean. Uses the public API only.
 *
 * <p>Each pool gets a fresh config from the producer, obtained in the pool bean's own
 * creational context: whatever the producer depended on ({@code @Dependent} parameters, a
 * disposer) lives exactly as long as the pool and is released with it.
 */
final class PoolBeanLifecycle {

    private static final System.Logger LOG = System.getLogger(PoolBeanLifecycle.class.getName());

    private final PoolDeclaration declaration;
    private final BeanManager beanManager;
    private final LivePools live;
    private final PoolEvents events;
    private final PoolEventListener listener;
    private final PoolSettingOverrides overrides;
    /** Resolved on first use: any thread may create a pool, and some may before our own observers ran. */
    private volatile Bean<?> configBean;

    PoolBeanLifecycle(PoolDeclaration declaration, PoolSettingOverrides overrides, BeanManager beanManager,
            LivePools live, PoolEvents events) {
        this.declaration = declaration;
        this.overrides = overrides;
        this.beanManager = beanManager;
        this.live = live;
        this.events = events;
        this.listener = new PoolEventListener(declaration.qualifier(), live, events);
    }

    PoolDeclaration declaration() {
        return declaration;
    }

    /** Racing threads resolve the same bean; the lookup is idempotent, so no lock is needed. */
    private Bean<?> configBean() {
        Bean<?> bean = configBean;
        if (bean == null) {
            bean = beanManager.resolve(beanManager.getBeans(declaration.configType(), declaration.qualifier()));
            configBean = bean;
        }
        return bean;
    }

    ResourcePool<Object> create(CreationalContext<ResourcePool<Object>> context) {
        ResourcePool<Object> pool;
        try {
            @SuppressWarnings("unchecked") // the bean's type is PoolConfig<T> for the T of our ResourcePool<T>
            PoolConfig<Object> declared = (PoolConfig<Object>) beanManager.getReference(
                    configBean(), declaration.configType(), context);
            if (declared == null) {
                // The config bean is @Dependent now, and dependent producers may return null.
                throw new IllegalStateException(declaration.producer()
                        + " returned null instead of the config of @Pool(\"" + declaration.value() + "\")");
            }
            pool = ResourcePools.create(configure(declared));
        } catch (RuntimeException e) {
            context.release();
            throw e;
        }
        live.add(pool);
        LOG.log(DEBUG, () -> "Created pool " + pool.name() + " for " + declaration.producer()
                + " in scope @" + declaration.scope().getSimpleName());
        events.fire(PoolCreated.class, new PoolCreated(pool.name(), pool), declaration.qualifier());
        return pool;
    }

    /**
     * The producer's config, overridden by configuration, named and listened to. Overrides were
     * checked one by one at deployment; whether they fit the producer's other values (a
     * configured {@code min} above the producer's {@code max}) shows only here.
     */
    private PoolConfig<Object> configure(PoolConfig<Object> declared) {
        PoolConfig.Builder<Object> builder = overrides.applyTo(declared.toBuilder())
                .name(declaration.nextPoolName())
                .listener(listener);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            if (overrides.isEmpty()) {
                throw e;
            }
            throw new IllegalArgumentException("@Pool(\"" + declaration.value() + "\") from " + declaration.producer()
                    + " with " + overrides + " from configuration: " + e.getMessage(), e);
        }
    }

    /**
     * Closes the pool when its context ends. The pool leaves {@link LivePools} first, so the
     * pool's own close callback knows the container reports this close, here and now.
     */
    void destroy(ResourcePool<Object> pool, CreationalContext<ResourcePool<Object>> context) {
        try {
            boolean wasLive = live.remove(pool.name());
            pool.close();
            if (wasLive) {
                LOG.log(DEBUG, () -> "Closed pool " + pool.name() + " at the end of its context");
                events.fire(PoolClosed.class, new PoolClosed(pool.name()), declaration.qualifier());
            }
        } finally {
            context.release();
        }
    }
}
