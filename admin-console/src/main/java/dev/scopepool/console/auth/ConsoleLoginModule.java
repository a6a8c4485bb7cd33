// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * The JAAS login module behind the console's realm: checks a user name and password against
 * the {@link ConsoleAccounts} passed in the module option {@value #ACCOUNTS_OPTION} and, on
 * success, adds a {@link ConsoleUserPrincipal} and one {@link ConsoleRolePrincipal} per role
 * to the subject. Every attempt first passes the {@link LoginThrottle} in the option
 * {@value #THROTTLE_OPTION}.
 *
 * <p>JAAS creates one instance per login attempt, so the class is not thread-safe and need
 * not be. It is public with a no-argument constructor because JAAS instantiates it by name,
 * from Hawtio's web application class loader.
 */
public final class ConsoleLoginModule implements LoginModule {

    /** The module option holding the {@link ConsoleAccounts} to check against. */
    public static final String ACCOUNTS_OPTION = "accounts";
    /** The module option holding the {@link LoginThrottle} every attempt goes through. */
    public static final String THROTTLE_OPTION = "throttle";

    private Subject subject;
    private CallbackHandler callbackHandler;
    private ConsoleAccounts accounts;
    private LoginThrottle throttle;
    private String user;
    private Set<String> roles;
    private final List<Principal> added = new ArrayList<>();

    /** Called by JAAS. */
    public ConsoleLoginModule() {
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler,
            Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbackHandler = callbackHandler;
        if (!(options.get(ACCOUNTS_OPTION) instanceof ConsoleAccounts given)) {
            throw new IllegalStateException("JAAS option '" + ACCOUNTS_OPTION
                    + "' must hold the console's " + ConsoleAccounts.class.getName());
        }
        this.accounts = given;
        if (!(options.get(THROTTLE_OPTION) instanceof LoginThrottle limiter)) {
            throw new IllegalStateException("JAAS option '" + THROTTLE_OPTION
                    + "' must hold the console's " + LoginThrottle.class.getName());
        }
        this.throttle = limiter;
    }

    @Override
    public boolean login() throws LoginException {
        if (callbackHandler == null) {
            throw new LoginException("No callback handler to ask for a user name and password");
        }
        NameCallback name = new NameCallback("user: ");
        PasswordCallback password = new PasswordCallback("password: ", false);
        try {
            callbackHandler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw (LoginException) new LoginException("Cannot read the credentials: " + e).initCause(e);
        }
        char[] secret = password.getPassword();
        try {
            if (name.getName() == null || secret == null) {
                throw new FailedLoginException("User name and password are required");
            }
            long wait = throttle.waitMillis(name.getName());
            if (wait > 0) {
                throw new FailedLoginException("Too many failed logins; try again in "
                        + Math.max(1, wait / 1000) + " s");
            }
            Set<String> granted = accounts.authenticate(name.getName(), secret);
            if (granted == null) {
                throttle.failed(name.getName());
                // Same message for unknown users and wrong passwords: it must not tell which.
                throw new FailedLoginException("Wrong user name or password");
            }
            throttle.succeeded(name.getName());
            user = name.getName();
            roles = granted;
            return true;
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            password.clearPassword();
        }
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        added.add(new ConsoleUserPrincipal(user));
        roles.forEach(role -> added.add(new ConsoleRolePrincipal(role)));
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        if (subject != null && !subject.isReadOnly()) {
            subject.getPrincipals().removeAll(added);
        }
        added.clear();
        user = null;
        roles = null;
        return true;
    }
}
