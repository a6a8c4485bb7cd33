// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import dev.scopepool.PoolConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The settings that configuration overrides for one {@code @Pool} declaration, read and checked
 * once at deployment and applied to every pool of the declaration when it is created.
 * Immutable, so pools created on any thread share it.
 */
final class PoolSettingOverrides {

    static final PoolSettingOverrides NONE = new PoolSettingOverrides(List.of());

    /** A setting with its parsed value and the text it came from. */
    private record Configured<V>(PoolSetting<V> setting, String property, String text, V value) {

        void applyTo(PoolConfig.Builder<?> builder) {
            setting.apply().accept(builder, value);
        }
    }

    private final List<Configured<?>> overrides;

    private PoolSettingOverrides(List<Configured<?>> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    /**
     * Reads {@code scopepool.<declaredName>.*} and checks each value against the rule the
     * config builder enforces (the API's rule, not a copy), and {@code min} against
     * {@code max} when both are set. Whether {@code min} fits the producer's {@code max} can
     * only be known when a pool is created.
     *
     * @throws IllegalArgumentException naming the property and its value, when one is malformed or invalid
     */
    static PoolSettingOverrides read(String declaredName, PoolSettingsSource source) {
        List<Configured<?>> found = new ArrayList<>();
        for (PoolSetting<?> setting : PoolSetting.ALL) {
            String property = setting.property(declaredName);
            source.value(property).ifPresent(text -> found.add(parse(setting, property, text)));
        }
        if (found.isEmpty()) {
            return NONE;
        }
        for (Configured<?> configured : found) {
            check(List.of(configured));
        }
        check(found);
        return new PoolSettingOverrides(found);
    }

    private static <V> Configured<V> parse(PoolSetting<V> setting, String property, String text) {
        try {
            return new Configured<>(setting, property, text, setting.parse().apply(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + "=" + quoted(text) + " is " + e.getMessage(), e);
        }
    }

    /** Builds a throwaway config with these values on a probe whose own max never gets in the way. */
    private static void check(List<Configured<?>> values) {
        PoolConfig.Builder<Object> probe = PoolConfig.builder().create(() -> null).max(Integer.MAX_VALUE);
        values.forEach(value -> value.applyTo(probe));
        try {
            probe.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe(values) + " is invalid: " + e.getMessage(), e);
        }
    }

    boolean isEmpty() {
        return overrides.isEmpty();
    }

    /**
     * @return the builder, with every configured value set
     */
    <T> PoolConfig.Builder<T> applyTo(PoolConfig.Builder<T> builder) {
        overrides.forEach(configured -> configured.applyTo(builder));
        return builder;
    }

    @Override
    public String toString() {
        return describe(overrides);
    }

    private static String describe(List<Configured<?>> values) {
        return values.stream().map(v -> v.property() + "=" + quoted(v.text())).collect(Collectors.joining(" with "));
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
