// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import java.util.Map;
import java.util.Objects;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

/**
 * The JVM's JAAS configuration while the console runs: answers for the console's realm with
 * {@link ConsoleLoginModule} and leaves every other realm to the configuration it replaced.
 *
 * <p>Hawtio 4 logs users in through {@code new LoginContext(realm, ...)} with the JVM-wide
 * configuration, so this is where the console plugs in; delegating keeps an application
 * that embeds the console and has realms of its own working.
 */
public final class ConsoleJaasConfiguration extends Configuration {

    private final String realm;
    private final AppConfigurationEntry[] entries;
    private final Configuration previous;

    /**
     * @param realm the console's realm
     * @param accounts who may log in
     * @param previous the configuration for every other realm, or null
     */
    public ConsoleJaasConfiguration(String realm, ConsoleAccounts accounts, Configuration previous) {
        this(realm, accounts, new LoginThrottle(accounts.users(), System::nanoTime), previous);
    }

    /**
     * @param realm the console's realm
     * @param accounts who may log in
     * @param throttle what slows down password guessing
     * @param previous the configuration for every other realm, or null
     */
    public ConsoleJaasConfiguration(String realm, ConsoleAccounts accounts, LoginThrottle throttle,
            Configuration previous) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.entries = new AppConfigurationEntry[] {
            new AppConfigurationEntry(ConsoleLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    Map.of(ConsoleLoginModule.ACCOUNTS_OPTION, accounts,
                            ConsoleLoginModule.THROTTLE_OPTION, Objects.requireNonNull(throttle, "throttle")))
        };
        this.previous = previous;
    }

    /** @return the configuration this one delegates other realms to, or null */
    public Configuration previous() {
        return previous;
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        if (realm.equals(name)) {
            return entries.clone();
        }
        return previous == null ? null : previous.getAppConfigurationEntry(name);
    }

    @Override
    public void refresh() {
        if (previous != null) {
            previous.refresh();
        }
    }
}
