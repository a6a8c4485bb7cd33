// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

/**
 * Names a pool. On a producer method or field of {@code PoolConfig<T>} it declares the pool;
 * on an injection point of {@code ResourcePool<T>} or {@code PoolConfig<T>} it selects it;
 * on an observer parameter of {@link PoolCreated}, {@link PoolClosed},
 * {@link HealthCheckFailed}, {@link PoolDown} or {@link PoolUp} it narrows the events to that
 * pool's instances.
 *
 * <p>The value is binding: {@code @Pool("a")} never satisfies {@code @Pool("b")}. It must be
 * a valid pool name (1–64 characters of {@code [A-Za-z0-9._-]}; shorter for scopes with
 * several live instances, whose pools get a {@code -<n>} suffix), else deployment fails.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({METHOD, FIELD, PARAMETER, TYPE})
public @interface Pool {

    /** @return the name the pool is declared under */
    String value();

    /** An instance of {@link Pool} for programmatic lookup and event selection. */
    final class Literal extends AnnotationLiteral<Pool> implements Pool {

        private static final long serialVersionUID = 1L;

        /** The declared name. */
        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value must not be null");
        }

        /**
         * @param value the pool's declared name
         * @return {@code @Pool(value)}
         */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
