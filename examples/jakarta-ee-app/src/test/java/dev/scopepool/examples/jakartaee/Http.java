// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GETs of the sample's JSON resources, and the few values the tests read from them. */
final class Http {

    /**
     * HTTP/1.1: by default the client asks to upgrade to HTTP/2 (h2c), and Open Liberty then keeps
     * the upgraded connection bound to the web application it was upgraded in for as long as the
     * client keeps it open, which would hold an undeployed application's class loader.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** @return the body of a 200 response; fails on any other status */
    static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** @return a string member of a flat JSON object */
    static String text(String json, String member) {
        Matcher m = Pattern.compile("\"" + member + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no string \"" + member + "\" in " + json);
        }
        return m.group(1);
    }

    /** @return a number member of a flat JSON object */
    static long number(String json, String member) {
        Matcher m = Pattern.compile("\"" + member + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no number \"" + member + "\" in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
