// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.System.Logger.Level.DEBUG;

import dev.scopepool.PoolConfig;
import dev.scopepool.ResourcePool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedField;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBeanAttributes;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Member;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The portable extension that turns {@code @Pool} configurations into injectable pools.
 * Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 *
 * <p>For every enabled producer method or field of {@code PoolConfig<T>} qualified
 * {@code @Pool("x")} it
 * <ul>
 *   <li>turns the config bean {@code @Dependent}, so the (final) config class never needs a
 *       client proxy and every pool gets a fresh config;</li>
 *   <li>adds a bean of type {@code ResourcePool<T>}, qualified {@code @Pool("x")}, with the
 *       scope the producer declared. Its creation builds a pool from a fresh config renamed
 *       {@code x} ({@code @ApplicationScoped}, {@code @Singleton}) or {@code x-<n>} (any
 *       other scope; n unique per JVM); its destruction closes the pool. So the pool lives
 *       and dies with its context;</li>
 *   <li>lists the open pools in {@link PoolRegistry} and fires {@link PoolCreated},
 *       {@link PoolClosed}, {@link HealthCheckFailed}, {@link PoolDown} and {@link PoolUp}
 *       with the {@code @Pool("x")} qualifier;</li>
 *   <li>when MicroProfile Config is on the class path, overrides the producer's sizing and
 *       timeouts with {@code scopepool.x.*} properties, read and checked at deployment;</li>
 *   <li>with {@code pool-jdbc} and MicroProfile Config, adds an application-scoped
 *       {@code @Pool("x") DataSource} for every configured {@code scopepool.x.jdbc.url}
 *       ({@link DataSourceDeclarations}).</li>
 * </ul>
 *
 * <p>It uses only portable CDI API and is tested on Weld SE and OpenWebBeans SE. The pool
 * beans' bean class is {@code ResourcePool} itself, so containers that build a normal scope's
 * client proxy from the bean class get a proxy of the right type; {@link PoolRegistry} is
 * added by the extension and vetoed for discovery, so it exists once whatever the discovery
 * mode.
 *
 * <p>Deployment fails when two producers declare the same
 * {@code @Pool} name (the message names both), when a {@code @Pool} name is not a valid pool
 * name, when a producer's type is not {@code PoolConfig} of a concrete type, or when a
 * configured override is malformed or out of range (the message names the property and its
 * value). These problems are reported right after bean discovery (the first ones as definition
 * errors, the last as a deployment problem), so the user sees the cause rather than the
 * unsatisfied or ambiguous injection points it would lead to. Injecting an
 * undeclared {@code @Pool("x")} fails as any unsatisfied dependency does.
 */
public class PoolExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(PoolExtension.class.getName());

    /** By {@code @Pool} value, in discovery order, so duplicates can be reported together. */
    private final Map<String, List<PoolDeclaration>> declarations = new LinkedHashMap<>();
    private final LivePools live = new LivePools();
    private final DataSourceDeclarations dataSources = new DataSourceDeclarations();
    private PoolEvents events;

    /** Called by the container, which finds the extension through {@link java.util.ServiceLoader}. */
    public PoolExtension() {
    }

    /**
     * Records every {@code @Pool} producer of {@code PoolConfig<T>} and turns its bean
     * {@code @Dependent}; the pool bean takes over the declared scope.
     */
    void collectPoolConfigs(@Observes ProcessBeanAttributes<?> event) {
        Pool pool = poolQualifier(event.getBeanAttributes().getQualifiers());
        Type configType = configType(event.getBeanAttributes().getTypes());
        if (pool == null || configType == null) {
            return;
        }
        String producer = describe(event.getAnnotated());
        if (!(configType instanceof ParameterizedType parameterized)
                || !isConcrete(parameterized.getActualTypeArguments()[0])) {
            event.addDefinitionError(new DefinitionException("@Pool(\"" + pool.value() + "\") on " + producer
                    + " must produce PoolConfig of a concrete resource type, e.g. PoolConfig<Connection>, was "
                    + configType.getTypeName()));
            return;
        }
        PoolDeclaration declaration = new PoolDeclaration(pool.value(), producer,
                event.getBeanAttributes().getScope(), parameterized);
        declarations.computeIfAbsent(pool.value(), v -> new ArrayList<>()).add(declaration);
        event.configureBeanAttributes().scope(Dependent.class);
    }

    /** Records {@code @Pool("x") DataSource} injection points, so a missing URL fails deployment naming it. */
    void collectDataSourceInjectionPoints(@Observes ProcessInjectionPoint<?, ?> event) {
        dataSources.collect(event.getInjectionPoint());
    }

    /**
     * Adds {@link PoolRegistry} as a synthetic bean. Its class is {@code @Vetoed}, so however
     * the container discovers beans (no {@code beans.xml}, {@code all}, {@code annotated}),
     * this is its only definition.
     */
    void addPoolRegistry(@Observes AfterBeanDiscovery event) {
        event.<PoolRegistry>addBean()
                .beanClass(PoolRegistry.class)
                .types(PoolRegistry.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .createWith(context -> new PoolRegistry(live));
    }

    /**
     * Reports broken declarations and adds one {@code ResourcePool<T>} bean for each sound one,
     * with the settings that configuration overrides for it (read once, here, so that a bad
     * value fails deployment rather than the first request).
     */
    void addPoolBeans(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        events = new PoolEvents(beanManager);
        // Read even without declarations: configuration alone can declare a data source.
        PoolSettingsSource settings = PoolSettingsSource.fromClassPath();
        dataSources.addBeans(event, settings);
        for (List<PoolDeclaration> sameName : declarations.values()) {
            if (sameName.size() > 1) {
                event.addDefinitionError(new DefinitionException("@Pool(\"" + sameName.get(0).value()
                        + "\") is declared by more than one producer; pool names must be unique: "
                        + sameName.stream().map(PoolDeclaration::producer).collect(Collectors.joining(" and "))));
                continue;
            }
            PoolDeclaration declaration = sameName.get(0);
            var nameProblem = declaration.nameProblem();
            if (nameProblem.isPresent()) {
                event.addDefinitionError(new DefinitionException(nameProblem.get()));
                continue;
            }
            PoolSettingOverrides overrides;
            try {
                overrides = PoolSettingOverrides.read(declaration.value(), settings);
            } catch (IllegalArgumentException e) {
                // The code is sound; the deployment's configuration is not.
                event.addDefinitionError(new DeploymentException("@Pool(\"" + declaration.value() + "\") on "
                        + declaration.producer() + ": " + e.getMessage(), e));
                continue;
            }
            addPoolBean(event, new PoolBeanLifecycle(declaration, overrides, beanManager, live, events));
        }
    }

    /** Runs after every context, and so every pool, is gone: only queued events remain. */
    void stopEventDelivery(@Observes BeforeShutdown event) {
        if (events != null) {
            events.shutdown();
        }
    }

    private void addPoolBean(AfterBeanDiscovery event, PoolBeanLifecycle lifecycle) {
        PoolDeclaration declaration = lifecycle.declaration();
        event.<ResourcePool<Object>>addBean()
                // Some containers (OpenWebBeans) build a normal scope's client proxy as a
                // subclass of the bean class: it must be the pool's own type.
                .beanClass(ResourcePool.class)
                .types(declaration.poolType(), Object.class)
                .qualifiers(declaration.qualifier(), Any.Literal.INSTANCE)
                .scope(declaration.scope())
                // A stable id makes the bean passivation capable, for passivating scopes.
                .id(PoolExtension.class.getName() + "#" + declaration.value())
                .createWith(lifecycle::create)
                .destroyWith(lifecycle::destroy);
        LOG.log(DEBUG, () -> "Added bean " + declaration.poolType() + " @Pool(\"" + declaration.value()
                + "\") @" + declaration.scope().getSimpleName() + " for " + declaration.producer());
    }

    private static Pool poolQualifier(Iterable<Annotation> qualifiers) {
        for (Annotation qualifier : qualifiers) {
            if (qualifier instanceof Pool pool) {
                return pool;
            }
        }
        return null;
    }

    private static Type configType(Iterable<Type> types) {
        for (Type type : types) {
            Type raw = type instanceof ParameterizedType parameterized ? parameterized.getRawType() : type;
            if (raw == PoolConfig.class) {
                return type;
            }
        }
        return null;
    }

    /** A type variable or wildcard would leave the pool bean's type unknown at deployment. */
    private static boolean isConcrete(Type type) {
        if (type instanceof Class<?>) {
            return true;
        }
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (!isConcrete(argument)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static String describe(Annotated annotated) {
        if (annotated instanceof AnnotatedMethod<?> method) {
            return "producer method " + name(method.getJavaMember()) + "()";
        }
        if (annotated instanceof AnnotatedField<?> field) {
            return "producer field " + name(field.getJavaMember());
        }
        return String.valueOf(annotated);
    }

    private static String name(Member member) {
        return member.getDeclaringClass().getName() + "." + member.getName();
    }
}
