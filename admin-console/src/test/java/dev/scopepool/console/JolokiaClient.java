package dev.scopepool.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scopepool.console.demo.DemoBehaviour;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Talks Jolokia's JSON protocol to the console over plain HTTP, as a script or tool would. */
final class JolokiaClient {

    /** An HTTP answer: its status and, when it was JSON, the body parsed. */
    record Answer(int httpStatus, String body, JsonNode json) {
        /** @return Jolokia's own status inside the JSON (errors come back as HTTP 200) */
        int jolokiaStatus() {
            return json == null ? -1 : json.path("status").asInt(-1);
        }

        JsonNode value() {
            return json.path("value");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String authorization;

    private JolokiaClient(URI console, String authorization) {
        this.endpoint = console.resolve("jolokia/");
        this.authorization = authorization;
    }

    static JolokiaClient anonymous(URI console) {
        return new JolokiaClient(console, null);
    }

    static JolokiaClient as(URI console, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new JolokiaClient(console, "Basic " + token);
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        String body = response.body();
        if (body != null && body.startsWith("{")) {
            json = JSON.readTree(body);
        }
        return new Answer(response.statusCode(), body, json);
    }

    static String pool(String name) {
        return "dev.scopepool:type=ResourcePool,name=" + name;
    }

    static String behaviour(String name) {
        return DemoBehaviour.objectName(name).getCanonicalName();
    }
}
