// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

/**
 * Makes a {@code --config} properties file part of the MicroProfile Config that pool-cdi reads
 * when the CDI container starts ({@code scopepool.<pool>.max=6} and the like).
 *
 * <p>The file is one config source beside SmallRye Config's usual ones; system properties and
 * environment variables override it, it overrides {@code META-INF/microprofile-config.properties}.
 * The resulting configuration is registered for the calling thread's context class loader,
 * the one pool-cdi asks, replacing whatever configuration was registered for that loader (the
 * console is the application in its JVM); {@link #close()} releases it again, so the next
 * console started in the same JVM sees only its own file. Not thread-safe: the console installs
 * and releases it on the thread that starts it.
 */
final class PoolSettingsFile implements AutoCloseable {

    /** Between the environment (300) and {@code microprofile-config.properties} (100). */
    static final int ORDINAL = 260;

    private final ConfigProviderResolver resolver;
    private final Config config;

    private PoolSettingsFile(ConfigProviderResolver resolver, Config config) {
        this.resolver = resolver;
        this.config = config;
    }

    /**
     * @param file a properties file
     * @return the installed configuration, to close when the console stops
     * @throws UncheckedIOException naming the file if it cannot be read
     */
    static PoolSettingsFile install(Path file) {
        PropertiesConfigSource source;
        try {
            source = new PropertiesConfigSource(file.toUri().toURL(), ORDINAL);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the --config file " + file.toAbsolutePath() + ": " + e, e);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Config config = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultSources()
                .addDiscoveredSources()
                .addDiscoveredConverters()
                .withSources(source)
                .build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        // Looking it up registers a default configuration if none was: release whichever is there.
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(config, loader);
        return new PoolSettingsFile(resolver, config);
    }

    @Override
    public void close() {
        resolver.releaseConfig(config);
    }
}
