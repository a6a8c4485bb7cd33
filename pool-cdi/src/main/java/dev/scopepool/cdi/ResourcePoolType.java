// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.ResourcePool;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * The type {@code ResourcePool<T>} for a resource type known only at deployment, as the
 * synthetic pool bean's bean type. Equality and hash code follow the JDK's own
 * {@link ParameterizedType} so that the container matches it against injection points.
 */
final class ResourcePoolType implements ParameterizedType {

    private final Type resourceType;

    ResourcePoolType(Type resourceType) {
        this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
    }

    @Override
    public Type[] getActualTypeArguments() {
        return new Type[] {resourceType};
    }

    @Override
    public Type getRawType() {
        return ResourcePool.class;
    }

    @Override
    public Type getOwnerType() {
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterizedType type
                && type.getRawType() == ResourcePool.class
                && type.getOwnerType() == null
                && Arrays.equals(type.getActualTypeArguments(), getActualTypeArguments());
    }

    /** Same formula as the JDK's implementation, which the container may hash alongside ours. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(getActualTypeArguments()) ^ ResourcePool.class.hashCode();
    }

    @Override
    public String toString() {
        return ResourcePool.class.getName() + "<" + resourceType.getTypeName() + ">";
    }
}
