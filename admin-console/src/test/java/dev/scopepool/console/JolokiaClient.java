// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scopepool.console.demo.DemoBehaviour;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Talks Jolokia's JSON protocol to the console over HTTP(S), as a script, a tool or (with a
 * session cookie and browser headers) a web page would.
 */
final class JolokiaClient {

    /** An HTTP answer: its status, headers and, when it was JSON, the body parsed. */
    record Answer(int httpStatus, HttpHeaders headers, String body, JsonNode json) {
        /** @return Jolokia's own status inside the JSON (errors come back as HTTP 200) */
        int jolokiaStatus() {
            return json == null ? -1 : json.path("status").asInt(-1);
        }

        JsonNode value() {
            return json.path("value");
        }

        /** @return whether Jolokia answered and allowed the request */
        boolean allowed() {
            return httpStatus == 200 && jolokiaStatus() == 200;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final URI console;
    private final String authorization;
    private final Map<String, String> headers;

    private JolokiaClient(URI console, String authorization, HttpClient http, Map<String, String> headers) {
        this.console = console;
        this.authorization = authorization;
        this.http = http;
        this.headers = Map.copyOf(headers);
    }

    private static HttpClient.Builder http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    }

    static JolokiaClient anonymous(URI console) {
        return new JolokiaClient(console, null, http().build(), Map.of());
    }

    static JolokiaClient as(URI console, String user, String password) {
        return new JolokiaClient(console, basic(user, password), http().build(), Map.of());
    }

    /** @return a client trusting the given TLS context, logged in with Basic authentication */
    static JolokiaClient as(URI console, String user, String password, SSLContext tls) {
        return new JolokiaClient(console, basic(user, password), http().sslContext(tls).build(), Map.of());
    }

    /**
     * Logs in through Hawtio's login form endpoint, as the browser does, and keeps the session
     * cookie for later requests.
     */
    static JolokiaClient session(URI console, String user, String password) throws IOException, InterruptedException {
        return session(console, user, password, http());
    }

    static JolokiaClient session(URI console, String user, String password, SSLContext tls)
            throws IOException, InterruptedException {
        return session(console, user, password, http().sslContext(tls));
    }

    private static JolokiaClient session(URI console, String user, String password, HttpClient.Builder builder)
            throws IOException, InterruptedException {
        JolokiaClient client = new JolokiaClient(console, null, builder.cookieHandler(new CookieManager()).build(),
                Map.of());
        Answer login = client.login(user, password);
        if (login.httpStatus() != 200) {
            throw new AssertionError("login failed: HTTP " + login.httpStatus() + " " + login.body());
        }
        return client;
    }

    /** @return the answer of Hawtio's login endpoint */
    Answer login(String user, String password) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("username", user, "password", password));
        return send("POST", "auth/login", body);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the same client (same session) sending these headers too, as a browser would */
    JolokiaClient withHeaders(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new JolokiaClient(console, authorization, http, all);
    }

    Answer read(String mbean, String... attributes) throws IOException, InterruptedException {
        Map<String, Object> request = request("read", mbean);
        request.put("attribute", attributes.length == 1 ? attributes[0] : List.of(attributes));
        return post(request);
    }

    Answer write(String mbean, String attribute, Object value) throws IOException, InterruptedException {
        Map<String, Object> request = request("write", mbean);
        request.put("attribute", attribute);
        request.put("value", value);
        return post(request);
    }

    Answer exec(String mbean, String operation, Object... arguments) throws IOException, InterruptedException {
        Map<String, Object> request = request("exec", mbean);
        request.put("operation", operation);
        request.put("arguments", List.of(arguments));
        return post(request);
    }

    Answer version() throws IOException, InterruptedException {
        return post(new LinkedHashMap<>(Map.of("type", "version")));
    }

    private static Map<String, Object> request(String type, String mbean) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", type);
        request.put("mbean", mbean);
        return request;
    }

    private Answer post(Map<String, Object> request) throws IOException, InterruptedException {
        return send("POST", "jolokia/", JSON.writeValueAsString(request));
    }

    /**
     * @param method the HTTP method
     * @param path relative to the console, e.g. {@code jolokia/version?callback=f}
     * @param body the body, or null for none
     * @return the answer
     */
    Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(console.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        String text = response.body();
        if (text != null && text.startsWith("{")) {
            json = JSON.readTree(text);
        }
        return new Answer(response.statusCode(), response.headers(), text, json);
    }

    static String pool(String name) {
        return "dev.scopepool:type=ResourcePool,name=" + name;
    }

    static String behaviour(String name) {
        return DemoBehaviour.objectName(name).getCanonicalName();
    }
}
