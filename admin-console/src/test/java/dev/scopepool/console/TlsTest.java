// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.JolokiaClient.Answer;
import dev.scopepool.console.demo.DemoPools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over HTTPS with a keystore made for the test by {@code keytool}: it serves only
 * TLS, its session cookie is {@code Secure}, and its origin is the {@code https} one.
 */
class TlsTest {

    private static final String STORE_PASSWORD = "store-Passw0rd";
    private static final String PASSWORD = "tls-Passw0rd";

    @TempDir
    static Path dir;

    private static Path keystore;
    private static SSLContext trusting;
    private static AdminConsole console;

    @BeforeAll
    static void startConsole() throws Exception {
        keystore = TestKeystore.create(dir.resolve("console.p12"), STORE_PASSWORD);
        trusting = trusting(keystore);
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {"--port", "0", "--password", PASSWORD,
            "--no-load", "--tls-keystore", keystore.toString()}, Map.of(ConsoleOptions.TLS_PASSWORD_ENV, STORE_PASSWORD)));
    }

    @AfterAll
    static void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    /** @return a client context that trusts exactly the console's self-signed certificate */
    private static SSLContext trusting(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance(store.toFile(), STORE_PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    @Test
    void servesTheConsoleAndJolokiaOverHttps() throws Exception {
        assertEquals("https", console.url().getScheme());

        Answer total = JolokiaClient.as(console.url(), "admin", PASSWORD, trusting)
                .read(JolokiaClient.pool(DemoPools.DATABASE), "Total");

        assertTrue(total.allowed(), total.body());
        assertEquals(2, total.value().asInt(-1));
    }

    @Test
    void theSessionCookieIsSecureHttpOnlyAndSameSiteStrict() throws Exception {
        JolokiaClient anonymous = JolokiaClient.as(console.url(), "nobody", "x", trusting);
        Answer login = anonymous.login("admin", PASSWORD);

        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(JolokiaClient.session(console.url(), "admin", PASSWORD, trusting).version().allowed());
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoConsole() throws Exception {
        URI plain = URI.create("http://127.0.0.1:" + console.port() + "/hawtio/jolokia/version");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() >= 400, "HTTP " + response.statusCode());
            assertFalse(response.body().contains("agent"), response.body());
        } catch (IOException refused) {
            // What a TLS-only port does with a plain request: no answer at all.
        }
    }

    @Test
    void theHttpsOriginIsTheOwnOneAndTheHttpOneIsNot() throws Exception {
        JolokiaClient admin = JolokiaClient.as(console.url(), "admin", PASSWORD, trusting);
        String hostPort = "127.0.0.1:" + console.port();

        assertTrue(admin.withHeaders(Map.of("Origin", "https://" + hostPort)).version().allowed());
        assertEquals(403, admin.withHeaders(Map.of("Origin", "http://" + hostPort)).version().httpStatus());
    }

    @Test
    void aWrongKeystorePasswordFailsTheStartWithAClearMessage() {
        ConsoleOptions wrong = ConsoleOptions.parse(new String[] {"--port", "0", "--password", "x", "--no-load",
            "--tls-keystore", keystore.toString(), "--tls-password", "not-it"}, Map.of());
        // The console of this class holds the JVM's one slot, so only the keystore is tried here.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.tls().sslContext());
        assertTrue(e.getMessage().contains(keystore.toString()), e.getMessage());
        assertTrue(wrong.tls().password().isWiped(), "the keystore password is wiped even on failure");
    }

    @Test
    void theKeystorePasswordIsWipedOnceTheServerHoldsItsKey() throws Exception {
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--tls-keystore", keystore.toString(),
            "--tls-password", STORE_PASSWORD}, Map.of());
        assertFalse(options.tls().password().isWiped());

        options.tls().sslContext();

        assertTrue(options.tls().password().isWiped());
        assertTrue(Files.exists(keystore));
    }
}
