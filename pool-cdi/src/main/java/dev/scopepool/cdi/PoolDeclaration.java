// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.PoolConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.util.Optional;

/**
 * One {@code @Pool} producer of {@code PoolConfig<T>} found at deployment: what its pool bean
 * is called, typed and scoped as, and how its pools are named.
 *
 * @param value the {@link Pool#value()}
 * @param producer the producer method or field, for error messages
 * @param scope the scope the producer declared (the config bean itself becomes dependent)
 * @param configType {@code PoolConfig<T>} with the producer's concrete {@code T}
 */
record PoolDeclaration(String value, String producer, Class<? extends Annotation> scope,
        ParameterizedType configType) {

    /**
     * Prefix of the system property that holds the last {@code n} given to {@code x-<n>}: the
     * count is per declared name and JVM-wide, so that {@code x-<n>} never repeats in this JVM,
     * across containers and across the applications of a server, each of which has its own copy
     * of this class. A string in the system properties is the one place all copies share that
     * holds no class loader.
     */
    static final String INSTANCE_COUNT_PROPERTY = "scopepool.cdi.instances.";

    Pool qualifier() {
        return Pool.Literal.of(value);
    }

    ResourcePoolType poolType() {
        return new ResourcePoolType(configType.getActualTypeArguments()[0]);
    }

    /** Only these scopes guarantee one live instance per container, so only they can use the bare name. */
    boolean singleInstance() {
        return scope == ApplicationScoped.class || scope == Singleton.class;
    }

    /** @return the name for the next pool of this declaration */
    String nextPoolName() {
        if (singleInstance()) {
            return value;
        }
        // Properties.compute is atomic (a ConcurrentHashMap underneath), also between class loaders.
        Object n = System.getProperties().compute(INSTANCE_COUNT_PROPERTY + value,
                (key, last) -> Long.toString(last instanceof String s ? Long.parseLong(s) + 1 : 1));
        return value + "-" + n;
    }

    /**
     * Checks at deployment that every name this declaration can give is valid, so a bad
     * {@code @Pool} fails deployment instead of a request weeks later. The longest suffix is
     * checked; the rule itself is the API's ({@link PoolConfig.Builder#build()}), not a copy.
     *
     * @return why the name is unusable, if it is
     */
    Optional<String> nameProblem() {
        String longest = singleInstance() ? value : value + "-" + Long.MAX_VALUE;
        try {
            PoolConfig.builder().create(() -> null).name(longest).build();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String suffixNote = singleInstance() ? ""
                    : " (pools of scope @" + scope.getSimpleName() + " are named <value>-<n>, n up to "
                            + Long.MAX_VALUE + ")";
            return Optional.of("@Pool(\"" + value + "\") on " + producer + " is not a usable pool name"
                    + suffixNote + ": " + e.getMessage());
        }
    }
}
