// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.poolspage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the Pools page's static files, and nothing else, without a login: Hawtio loads plugins
 * before anyone has logged in. The files are a fixed list read from the class path once, at
 * construction; every other path (folders, other names, other methods) is answered 404 or 405,
 * so this handler adds no endpoint that reads or changes anything. The files hold code only;
 * the page reads the pools through the console's Jolokia, which needs the login.
 *
 * <p>Immutable and thread-safe.
 */
public final class PoolsPageFiles extends Handler.Abstract {

    /** The files, by name, with their media types. */
    static final Map<String, String> FILES = Map.of(
            "remoteEntry.js", "text/javascript; charset=utf-8",
            "pools-plugin.js", "text/javascript; charset=utf-8",
            "pools-page.js", "text/javascript; charset=utf-8",
            "pool-jolokia.js", "text/javascript; charset=utf-8",
            "sparkline.js", "text/javascript; charset=utf-8",
            "pools.css", "text/css; charset=utf-8");

    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    /** Reads the files from the class path. */
    public PoolsPageFiles() {
        FILES.keySet().forEach(name -> contents.put(name, read(name)));
    }

    private static byte[] read(String name) {
        try (InputStream in = PoolsPageFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The Pools page's file " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Pools page's file " + name, e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String name = path.startsWith("/") ? path.substring(1) : path;
        byte[] content = contents.get(name);
        if (content == null) {
            Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            return true;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, FILES.get(name));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, content.length);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        // Revalidated on every load, so a new console version's page is never mixed with an old one's.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.write(true, "HEAD".equals(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(content), callback);
        return true;
    }
}
