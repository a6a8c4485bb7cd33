// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import dev.scopepool.console.auth.ConsoleAccounts;
import dev.scopepool.console.auth.ConsoleJaasConfiguration;
import dev.scopepool.console.auth.ConsoleRolePrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.security.auth.login.Configuration;

/**
 * Configures Hawtio 4 for the console, and undoes it. Hawtio reads its settings from
 * {@code hawtio.*} system properties and logs users in through the JVM-wide JAAS
 * configuration, so both are JVM-global: {@link AdminConsole} allows one console per JVM.
 *
 * <p>With authentication, every page and every Jolokia call needs a login to the realm
 * {@value #REALM}, and Hawtio admits only subjects holding a {@link ConsoleRolePrincipal}
 * named {@value ConsoleAccounts#ADMIN_ROLE}. Naming the principal class matters: with
 * {@code hawtio.rolePrincipalClasses} empty Hawtio skips the role check and lets any
 * authenticated user in.
 */
final class HawtioSettings implements AutoCloseable {

    /** The JAAS realm, also sent in {@code WWW-Authenticate}. */
    static final String REALM = "scopepool-console";

    private final Map<String, String> replaced = new LinkedHashMap<>();
    private final ConsoleJaasConfiguration jaas;

    private HawtioSettings(boolean authentication, ConsoleAccounts accounts) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("hawtio.authenticationEnabled", Boolean.toString(authentication));
        properties.put("hawtio.realm", REALM);
        properties.put("hawtio.roles", ConsoleAccounts.ADMIN_ROLE);
        properties.put("hawtio.rolePrincipalClasses", ConsoleRolePrincipal.class.getName());
        // The default discovery looks for Tomcat's user file; only our login module decides.
        properties.put("hawtio.authenticationContainerDiscoveryClasses", "");
        // Hawtio's own throttle keeps an entry per user name tried, without bound; the login
        // module's LoginThrottle does the job with bounded state.
        properties.put("hawtio.authenticationThrottled", "false");
        // Hawtio's proxy would let a browser reach other Jolokia agents through this process.
        properties.put("hawtio.disableProxy", "true");
        // Hawtio's war logs at INFO through its own Log4j 2; the console keeps it to warnings.
        properties.put("log4j2.configurationFile", "scopepool-console-log4j2.properties");
        properties.forEach(this::set);

        if (authentication) {
            jaas = new ConsoleJaasConfiguration(REALM, accounts, currentJaasConfiguration());
            Configuration.setConfiguration(jaas);
        } else {
            jaas = null;
        }
    }

    /**
     * @param authentication whether a login is required
     * @param accounts who may log in (ignored without authentication)
     * @return the applied settings; close to restore what was there before
     */
    static HawtioSettings apply(boolean authentication, ConsoleAccounts accounts) {
        return new HawtioSettings(authentication, accounts);
    }

    private void set(String key, String value) {
        replaced.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private static Configuration currentJaasConfiguration() {
        try {
            return Configuration.getConfiguration();
        } catch (SecurityException e) {
            // No login configuration file: there is nothing to delegate to.
            return null;
        }
    }

    /** Restores the system properties and the JAAS configuration found at {@link #apply}. */
    @Override
    public void close() {
        replaced.forEach((key, old) -> {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        });
        replaced.clear();
        if (jaas != null) {
            Configuration.setConfiguration(jaas.previous());
        }
    }
}
