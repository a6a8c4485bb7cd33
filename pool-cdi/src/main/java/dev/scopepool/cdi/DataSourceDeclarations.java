// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static java.lang.System.Logger.Level.DEBUG;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The {@code @Pool("x") DataSource} beans: one application-scoped bean for every name whose
 * {@code scopepool.x.jdbc.url} is configured (MicroProfile Config), with
 * {@code scopepool.x.jdbc.username}, {@code scopepool.x.jdbc.password} and the pool keys
 * ({@code scopepool.x.max}, …); closed when the container shuts down. An injection point
 * {@code @Pool("x") DataSource} whose URL is not configured fails deployment naming the property.
 *
 * <p>Needs {@code pool-jdbc} on the class path only when such a bean is wanted: this class
 * never links against it; {@link DataSourceBeanLifecycle} does, and is loaded only then.
 */
final class DataSourceDeclarations {

    private static final System.Logger LOG = System.getLogger(DataSourceDeclarations.class.getName());
    private static final String JDBC_DATA_SOURCE = "dev.scopepool.jdbc.ScopepoolDataSource";
    private static final String PREFIX = "scopepool.";
    private static final String URL_SUFFIX = ".jdbc.url";

    /** By {@code @Pool} value: where it is injected, for the message when its URL is missing. */
    private final Map<String, String> injectedAt = new TreeMap<>();

    /** Remembers a {@code @Pool("x") DataSource} injection point; any other is not ours. */
    void collect(InjectionPoint injectionPoint) {
        if (injectionPoint.getType() != DataSource.class) {
            return;
        }
        for (var qualifier : injectionPoint.getQualifiers()) {
            if (qualifier instanceof Pool pool) {
                injectedAt.putIfAbsent(pool.value(), String.valueOf(injectionPoint.getMember()));
            }
        }
    }

    /** Adds a bean for every configured URL; reports every injected name without one. */
    void addBeans(AfterBeanDiscovery event, PoolSettingsSource settings) {
        Map<String, String> names = new TreeMap<>(injectedAt);
        for (String property : settings.propertyNames()) {
            // A source may list a name whose value is gone (cached names): only a value declares.
            if (property.startsWith(PREFIX) && property.endsWith(URL_SUFFIX)
                    && property.length() > PREFIX.length() + URL_SUFFIX.length()
                    && settings.value(property).filter(url -> !url.isBlank()).isPresent()) {
                names.putIfAbsent(property.substring(PREFIX.length(), property.length() - URL_SUFFIX.length()),
                        "configuration");
            }
        }
        if (names.isEmpty()) {
            return;
        }
        if (!jdbcAvailable()) {
            event.addDefinitionError(new DefinitionException("@Pool(\"" + names.keySet().iterator().next()
                    + "\") DataSource needs pool-jdbc on the class path"));
            return;
        }
        names.forEach((name, where) -> addBean(event, settings, name, where));
    }

    private static void addBean(AfterBeanDiscovery event, PoolSettingsSource settings, String name, String where) {
        String urlProperty = PREFIX + name + URL_SUFFIX;
        Optional<String> url = settings.value(urlProperty);
        if (url.isEmpty() || url.get().isBlank()) {
            event.addDefinitionError(new DeploymentException("@Pool(\"" + name + "\") DataSource injected into "
                    + where + " has no JDBC URL: set the configuration property " + urlProperty));
            return;
        }
        PoolSettingOverrides overrides;
        try {
            overrides = PoolSettingOverrides.read(name, settings);
        } catch (IllegalArgumentException e) {
            event.addDefinitionError(new DeploymentException("@Pool(\"" + name + "\") DataSource: " + e.getMessage(), e));
            return;
        }
        DataSourceBeanLifecycle lifecycle = new DataSourceBeanLifecycle(name, url.get(),
                settings.value(PREFIX + name + ".jdbc.username").orElse(null),
                settings.value(PREFIX + name + ".jdbc.password").orElse(null), overrides);
        event.<PoolDataSource>addBean()
                // A normal scope's client proxy is built from the bean class (see PoolDataSource).
                .beanClass(PoolDataSource.class)
                .types(DataSource.class, PoolDataSource.class, Object.class)
                .qualifiers(Pool.Literal.of(name), Any.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .id(DataSourceDeclarations.class.getName() + "#" + name)
                .createWith(context -> lifecycle.create())
                .destroyWith((dataSource, context) -> lifecycle.destroy(dataSource));
        LOG.log(DEBUG, () -> "Added bean DataSource @Pool(\"" + name + "\") @ApplicationScoped for " + url.get());
    }

    private static boolean jdbcAvailable() {
        try {
            Class.forName(JDBC_DATA_SOURCE, false, DataSourceDeclarations.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
