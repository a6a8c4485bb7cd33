// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.System.Logger.Level.INFO;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads pool settings from MicroProfile Config. The only class that touches the optional
 * API; {@link PoolSettingsSource#fromClassPath()} loads it only when the API is present.
 */
final class MicroProfileConfigSettings implements PoolSettingsSource {

    private static final System.Logger LOG = System.getLogger(MicroProfileConfigSettings.class.getName());

    private final Config config;

    private MicroProfileConfigSettings(Config config) {
        this.config = config;
    }

    /**
     * The application's config (through the thread's context class loader, as MicroProfile
     * Config defines). An API jar without an implementation means no overrides, not a failure.
     */
    static PoolSettingsSource load() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (IllegalStateException e) {
            LOG.log(INFO, () -> "MicroProfile Config API found without an implementation ("
                    + e.getMessage() + "); pools keep their producers' settings");
            return NONE;
        }
        return new MicroProfileConfigSettings(config);
    }

    /** Read as text, so a malformed value is reported in this library's words, naming the property. */
    @Override
    public Optional<String> value(String property) {
        return config.getOptionalValue(property, String.class);
    }

    /** Asked of every source, which answer live; a {@code Config} may cache the names it first saw. */
    @Override
    public Set<String> propertyNames() {
        Set<String> names = new HashSet<>();
        for (ConfigSource source : config.getConfigSources()) {
            names.addAll(source.getPropertyNames());
        }
        return names;
    }
}
