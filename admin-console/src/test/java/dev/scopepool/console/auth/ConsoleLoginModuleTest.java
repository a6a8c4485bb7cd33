// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.jupiter.api.Test;

class ConsoleLoginModuleTest {

    private static final String REALM = "test-realm";
    private final ConsoleAccounts accounts = ConsoleAccounts.admin("admin", "right")
            .with("viewer", "look", Set.of("viewer"));
    private final AtomicLong now = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(Set.of("admin", "viewer"), now::get);
    private final ConsoleJaasConfiguration jaas = new ConsoleJaasConfiguration(REALM, accounts, throttle, null);

    private Subject login(String user, String password) throws LoginException {
        Subject subject = new Subject();
        LoginContext context = new LoginContext(REALM, subject, callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                }
            }
        }, jaas);
        context.login();
        return subject;
    }

    @Test
    void repeatedWrongPasswordsMakeEvenTheRightOneWaitThenItWorks() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThrows(FailedLoginException.class, () -> login("admin", "guess"));
        }

        FailedLoginException throttled = assertThrows(FailedLoginException.class, () -> login("admin", "right"));
        assertTrue(throttled.getMessage().contains("Too many failed logins"), throttled.getMessage());

        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertDoesNotThrow(() -> login("admin", "right"));
        assertEquals(0, throttle.size(), "the successful login cleared the count");
    }

    @Test
    void rightPasswordGrantsTheAccountsRolesAsRolePrincipals() throws LoginException {
        Subject subject = login("admin", "right");

        assertEquals(Set.of(new ConsoleRolePrincipal("admin")), subject.getPrincipals(ConsoleRolePrincipal.class));
        assertEquals(Set.of(new ConsoleUserPrincipal("admin")), subject.getPrincipals(ConsoleUserPrincipal.class));
    }

    @Test
    void otherAccountsGetOnlyTheirOwnRoles() throws LoginException {
        assertEquals(Set.of(new ConsoleRolePrincipal("viewer")),
                login("viewer", "look").getPrincipals(ConsoleRolePrincipal.class));
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() {
        LoginException wrong = assertThrows(FailedLoginException.class, () -> login("admin", "wrong"));
        LoginException unknown = assertThrows(FailedLoginException.class, () -> login("root", "right"));

        assertEquals(wrong.getMessage(), unknown.getMessage());
    }

    @Test
    void otherRealmsAreLeftToThePreviousConfiguration() {
        assertEquals(null, jaas.getAppConfigurationEntry("other"));
        assertTrue(jaas.getAppConfigurationEntry(REALM)[0].getLoginModuleName()
                .equals(ConsoleLoginModule.class.getName()));
    }

    @Test
    void duplicateAccountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> accounts.with("admin", "x", Set.of()));
    }
}
