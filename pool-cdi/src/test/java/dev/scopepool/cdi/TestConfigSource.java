// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Properties a test sets for the containers it starts, read live by MicroProfile Config
 * (registered in {@code META-INF/services}). Tests clear what they set.
 */
public class TestConfigSource implements ConfigSource {

    private static final Map<String, String> PROPERTIES = new ConcurrentHashMap<>();

    static void set(String property, String value) {
        PROPERTIES.put(property, value);
    }

    static void clear() {
        PROPERTIES.clear();
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.copyOf(PROPERTIES.keySet());
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTIES.get(propertyName);
    }

    @Override
    public String getName() {
        return "scopepool-test";
    }

    /** Above system properties and the environment, so nothing outside the test can interfere. */
    @Override
    public int getOrdinal() {
        return 1000;
    }
}
