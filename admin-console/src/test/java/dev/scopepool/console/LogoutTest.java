// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.JolokiaClient.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logging out ends the session for good, and nothing the console answers shows a stack trace. */
class LogoutTest {

    private static final String PASSWORD = "logout-Passw0rd";
    private static AdminConsole console;

    @BeforeAll
    static void startConsole() throws Exception {
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {
            "--port", "0", "--password", PASSWORD, "--no-load"}, Map.of()));
    }

    @AfterAll
    static void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    private static void assertNoStackTrace(Answer answer) {
        assertFalse(answer.body().contains("Exception"), answer.body());
        assertFalse(answer.body().matches("(?s).*\\sat [a-z]+\\.[a-z].*"), answer.body());
    }

    @Test
    void logoutEndsTheSessionAndSendsTheBrowserToTheLoginPage() throws Exception {
        JolokiaClient session = JolokiaClient.session(console.url(), "admin", PASSWORD);
        assertTrue(session.version().allowed(), "logged in");

        Answer logout = session.send("GET", "auth/logout", null);

        assertEquals(302, logout.httpStatus(), logout.body());
        assertTrue(logout.headers().firstValue("Location").orElse("").endsWith("/hawtio/login"), logout.headers().toString());
        assertNoStackTrace(logout);
        Answer after = session.version();
        assertTrue(after.httpStatus() == 401 || after.httpStatus() == 403, "HTTP " + after.httpStatus() + " " + after.body());
        assertFalse(after.body().contains("agent"), after.body());
    }

    @Test
    void logoutWithoutASessionIsJustARedirect() throws Exception {
        Answer logout = JolokiaClient.anonymous(console.url()).send("GET", "auth/logout", null);

        assertEquals(302, logout.httpStatus(), logout.body());
        assertNoStackTrace(logout);
    }

    @Test
    void aBrokenLoginRequestShowsNoStackTrace() throws Exception {
        Answer broken = JolokiaClient.anonymous(console.url()).send("POST", "auth/login", "{not json");

        assertTrue(broken.httpStatus() >= 400, "HTTP " + broken.httpStatus());
        assertNoStackTrace(broken);
    }
}
