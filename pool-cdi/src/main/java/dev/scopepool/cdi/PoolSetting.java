// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.PoolConfig;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One pool setting that configuration can override: the last part of its property name
 * ({@code scopepool.<name>.<key>}), how its text is read, and the builder method it sets.
 *
 * @param key e.g. {@code acquire-timeout}
 * @param parse text to value; throws {@link IllegalArgumentException} when malformed
 * @param apply sets the value on a builder
 * @param <V> the value's type
 */
record PoolSetting<V>(String key, Function<String, V> parse, BiConsumer<PoolConfig.Builder<?>, V> apply) {

    /** Every overridable setting, in the order they are applied. */
    static final List<PoolSetting<?>> ALL = List.of(
            new PoolSetting<Integer>("max", SettingText::integer, (b, v) -> b.max(v)),
            new PoolSetting<Integer>("min", SettingText::integer, (b, v) -> b.min(v)),
            new PoolSetting<>("acquire-timeout", SettingText::duration, (b, v) -> b.acquireTimeout(v)),
            new PoolSetting<>("max-lifetime", SettingText::duration, (b, v) -> b.maxLifetime(v)),
            new PoolSetting<>("idle-timeout", SettingText::duration, (b, v) -> b.idleTimeout(v)),
            new PoolSetting<Integer>("max-waiters", SettingText::integer, (b, v) -> b.maxWaiters(v)),
            new PoolSetting<>("health-check-interval", SettingText::duration, (b, v) -> b.healthCheckInterval(v)));

    /** @return {@code scopepool.<declaredName>.<key>} */
    String property(String declaredName) {
        return "scopepool." + declaredName + "." + key;
    }
}
