// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.System.Logger.Level.DEBUG;

import java.util.Optional;
import java.util.Set;

/**
 * Where deployment-time overrides of a pool's settings come from: MicroProfile Config when
 * its API is on the class path, else nowhere. Kept behind this interface so that the
 * extension never links against the optional API itself.
 */
@FunctionalInterface
interface PoolSettingsSource {

    /** Loaded only after the API was found, so its absence never breaks the extension. */
    String MICROPROFILE_CONFIG_API = "org.eclipse.microprofile.config.ConfigProvider";

    /** No overrides at all. */
    PoolSettingsSource NONE = property -> Optional.empty();

    /**
     * @param property e.g. {@code scopepool.x.max}
     * @return the configured value, if there is one
     */
    Optional<String> value(String property);

    /** @return every property name the source knows, to find what configuration alone declares */
    default Set<String> propertyNames() {
        return Set.of();
    }

    /** @return MicroProfile Config if this library can see its API, else {@link #NONE} */
    static PoolSettingsSource fromClassPath() {
        try {
            Class.forName(MICROPROFILE_CONFIG_API, false, PoolSettingsSource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            System.getLogger(PoolSettingsSource.class.getName()).log(DEBUG,
                    "MicroProfile Config is not on the class path; pools keep their producers' settings");
            return NONE;
        }
        return MicroProfileConfigSettings.load();
    }
}
