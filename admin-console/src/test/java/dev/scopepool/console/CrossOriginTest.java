// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static dev.scopepool.console.JolokiaClient.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.JolokiaClient.Answer;
import dev.scopepool.console.demo.DemoPools;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a web page on another origin (another site, or another port of 127.0.0.1) can make the
 * admin's browser send to the console, replayed over HTTP with the admin's session cookie and
 * the headers a browser adds: all of it is refused before Jolokia runs, while the console's
 * own origin and plain scripts still work. The real browser plays the same attacks in
 * {@code HawtioBrowserIT}.
 */
class CrossOriginTest {

    private static final String PASSWORD = "cors-Passw0rd";
    private static final String SUSPEND = """
            {"type":"exec","mbean":"dev.scopepool:type=ResourcePool,name=orders-db","operation":"suspend"}""";
    private static AdminConsole console;
    private static JolokiaClient admin;
    private static String otherPort;

    @BeforeAll
    static void startConsole() throws Exception {
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {
            "--port", "0", "--password", PASSWORD, "--no-load"}, Map.of()));
        admin = JolokiaClient.session(console.url(), "admin", PASSWORD);
        otherPort = "http://127.0.0.1:" + (console.port() == 65_535 ? 65_534 : console.port() + 1);
    }

    @AfterAll
    static void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    private static boolean suspended() throws Exception {
        return (Boolean) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName(pool(DemoPools.DATABASE)), "Suspended");
    }

    private static void assertRefusedWithoutCors(Answer answer) {
        assertEquals(403, answer.httpStatus(), answer.body());
        assertTrue(answer.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), answer.headers().toString());
        assertTrue(answer.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());
    }

    @Test
    void aPostFromAnotherPortOfLoopbackIsRefusedAndChangesNothing() throws Exception {
        Answer answer = admin.withHeaders(Map.of("Origin", otherPort, "Sec-Fetch-Site", "same-site",
                "Sec-Fetch-Mode", "cors")).send("POST", "jolokia/", SUSPEND);

        assertRefusedWithoutCors(answer);
        assertFalse(suspended(), "the pool was suspended by a foreign page");
    }

    @Test
    void aPostFromAnotherSiteIsRefusedEvenWithoutFetchMetadata() throws Exception {
        Answer answer = admin.withHeaders(Map.of("Origin", "https://evil.example")).send("POST", "jolokia/", SUSPEND);

        assertRefusedWithoutCors(answer);
        assertFalse(suspended());
    }

    @Test
    void aFormPostWithTheOpaqueOriginIsRefused() throws Exception {
        Answer answer = admin.withHeaders(Map.of("Origin", "null")).send("POST", "jolokia/", SUSPEND);

        assertRefusedWithoutCors(answer);
        assertFalse(suspended());
    }

    @Test
    void aPreflightFromAnotherOriginGetsNoCorsGrant() throws Exception {
        Answer answer = JolokiaClient.anonymous(console.url()).withHeaders(Map.of("Origin", otherPort,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"))
                .send("OPTIONS", "jolokia/", null);

        assertRefusedWithoutCors(answer);
        assertTrue(answer.headers().firstValue("Access-Control-Max-Age").isEmpty());
    }

    @Test
    void aGetExecFromAnImageOrScriptTagOfAnotherPageIsRefused() throws Exception {
        Answer answer = admin.withHeaders(Map.of("Sec-Fetch-Site", "same-site", "Sec-Fetch-Mode", "no-cors",
                "Sec-Fetch-Dest", "image")).send("GET", "jolokia/exec/" + pool(DemoPools.DATABASE) + "/suspend()", null);

        assertRefusedWithoutCors(answer);
        assertFalse(suspended());
    }

    @Test
    void jsonpIsRefused() throws Exception {
        Answer answer = admin.send("GET", "jolokia/read/" + pool(DemoPools.DATABASE) + "/Total?callback=foo", null);

        assertEquals(403, answer.httpStatus(), answer.body());
        assertFalse(answer.body().startsWith("foo("), answer.body());
    }

    @Test
    void theConsolesOwnOriginStillOperatesThePools() throws Exception {
        String own = "http://127.0.0.1:" + console.port();
        JolokiaClient page = admin.withHeaders(Map.of("Origin", own, "Sec-Fetch-Site", "same-origin",
                "Sec-Fetch-Mode", "cors"));

        Answer read = page.read(pool(DemoPools.DATABASE), "Total");
        assertTrue(read.allowed(), read.body());
        assertEquals(2, read.value().asInt(-1));
        Answer evict = page.send("GET", "jolokia/exec/" + pool(DemoPools.DATABASE) + "/checkHealth()", null);
        assertTrue(evict.allowed(), evict.body());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        Answer login = JolokiaClient.anonymous(console.url()).login("admin", PASSWORD);

        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow(() ->
                        new AssertionError("no session cookie: " + login.headers()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP cannot keep a Secure cookie: " + cookie);
    }

    @Test
    void aForeignPageMayStillLinkToTheConsole() throws Exception {
        Answer answer = JolokiaClient.anonymous(console.url()).withHeaders(Map.of("Sec-Fetch-Site", "cross-site",
                "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document")).send("GET", "", null);

        assertTrue(answer.httpStatus() == 200 || answer.httpStatus() == 302,
                "a followed link is served (or sent on to the login page): HTTP " + answer.httpStatus());
    }
}
