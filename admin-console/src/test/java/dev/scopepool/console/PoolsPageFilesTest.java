// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scopepool.console.JolokiaClient.Answer;
import dev.scopepool.console.poolspage.PoolsPagePlugin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Pools page adds nothing that answers without a login but its static files: Hawtio lists
 * the plugin (where to load it from, nothing else), the files are served to anyone as code, any
 * other name under their folder is 404, and the page itself and the data it shows still need
 * the login.
 */
class PoolsPageFilesTest {

    private static final String PASSWORD = "files-Passw0rd";
    private static final String FOLDER = PoolsPagePlugin.FOLDER + "/";
    private static final List<String> FILES = List.of("remoteEntry.js", "pools-plugin.js", "pools-page.js",
            "pool-jolokia.js", "sparkline.js", "pools.css");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AdminConsole console;
    private static JolokiaClient anonymous;

    @BeforeAll
    static void startConsole() throws Exception {
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {
            "--port", "0", "--password", PASSWORD, "--no-load"}, Map.of()));
        anonymous = JolokiaClient.anonymous(console.url());
    }

    @AfterAll
    static void stopConsole() {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void hawtioListsThePluginWithWhereToLoadItFrom() throws Exception {
        Answer plugins = anonymous.send("GET", "plugin", null);

        assertEquals(200, plugins.httpStatus(), plugins.body());
        JsonNode list = JSON.readTree(plugins.body());
        assertEquals(1, list.size(), plugins.body());
        assertEquals(PoolsPagePlugin.FOLDER, list.get(0).path("url").asText());
        assertEquals(PoolsPagePlugin.SCOPE, list.get(0).path("scope").asText());
        assertEquals(PoolsPagePlugin.MODULE, list.get(0).path("module").asText());
        assertEquals(3, list.get(0).size(), "nothing but where to load it from: " + plugins.body());
    }

    @Test
    void thePluginsFilesAreServedWithoutALoginAsCodeAndWithoutASession() throws Exception {
        for (String file : FILES) {
            Answer answer = anonymous.send("GET", FOLDER + file, null);

            assertEquals(200, answer.httpStatus(), file);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith(file.endsWith(".css") ? "text/css" : "text/javascript"), file + ": " + type);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), file);
            assertTrue(answer.headers().allValues("Set-Cookie").isEmpty(), file + " starts no session");
        }
    }

    @Test
    void nothingElseUnderThePluginsFolderAnswers() throws Exception {
        for (String path : List.of("", "README.md", "PoolsPageFiles.class", "remoteEntry.js/x", "../jolokia/version",
                "%2e%2e/jolokia/version", "..%2fjolokia%2fversion", "remoteentry.js")) {
            Answer answer = anonymous.send("GET", FOLDER + path, null);
            assertTrue(answer.httpStatus() >= 400, path + " answered " + answer.httpStatus() + ": " + answer.body());
            assertFalse(answer.body().contains("\"agent\""), path + " reached Jolokia");
        }
        Answer post = anonymous.send("POST", FOLDER + "remoteEntry.js", "{}");
        assertEquals(405, post.httpStatus());
    }

    @Test
    void thePageAndItsDataStillNeedTheLogin() throws Exception {
        Answer page = anonymous.send("GET", "pools", null);
        assertEquals(302, page.httpStatus(), page.body());
        assertTrue(page.headers().firstValue("Location").orElse("").endsWith("/hawtio/login"),
                page.headers().toString());

        Answer read = anonymous.read(JolokiaClient.pool("orders-db"), "InUse");
        assertTrue(read.httpStatus() == 401 || read.httpStatus() == 403, "HTTP " + read.httpStatus());
    }
}
