// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Stands in front of everything Jetty serves and lets through only requests meant for the
 * console by the console's own pages or by a non-browser client:
 * <ul>
 *   <li>{@code Host} must name the console ({@link ConsoleOrigins}); otherwise 421. This stops
 *       DNS rebinding, also when authentication is off.</li>
 *   <li>An {@code Origin} header must be the console's own origin; otherwise 403. Browsers
 *       send it on every cross-origin call and every POST, so no other site or other port can
 *       drive Jolokia or the login with the admin's session cookie (the cookie's
 *       {@code SameSite} does not help here: another port of the same host is the same site).</li>
 *   <li>A browser's {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} is
 *       allowed only for a top-level page navigation, never for Jolokia or the login and logout
 *       endpoints; this catches the requests a page makes without {@code Origin} (an
 *       {@code <img>} or {@code <script>} pointing at a GET URL of Jolokia).</li>
 *   <li>Jolokia's JSONP ({@code callback} parameter) is refused: it would hand a response to a
 *       script of any origin.</li>
 * </ul>
 * Refusals are answered before any servlet, session or CORS logic runs, so they carry no
 * {@code Access-Control-*} header. Thread-safe once started (its state is set before start).
 */
final class RequestGuard extends Handler.Wrapper {

    private static final Set<String> OWN_FETCH_SITES = Set.of("same-origin", "none");

    private final List<String> apiPaths;
    private final String jolokiaPath;
    private volatile ConsoleOrigins origins;

    /**
     * @param jolokiaPath where Jolokia is served, e.g. {@code /hawtio/jolokia}
     * @param apiPaths paths (prefixes) that are never a page to navigate to
     * @param next what serves the allowed requests
     */
    RequestGuard(String jolokiaPath, List<String> apiPaths, Handler next) {
        super(next);
        this.jolokiaPath = jolokiaPath;
        this.apiPaths = List.copyOf(apiPaths);
    }

    /** @param origins the console's names; known once its port is bound, before serving starts */
    void allow(ConsoleOrigins origins) {
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        ConsoleOrigins own = origins;
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (own == null || !own.isOwnAuthority(host) || !matchesUri(own, request)) {
            Response.writeError(request, response, callback, HttpStatus.MISDIRECTED_REQUEST_421,
                    "This server does not answer to the host name " + printable(host));
            return true;
        }
        String refusal = refusal(own, host, request);
        if (refusal != null) {
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, refusal);
            return true;
        }
        return super.handle(request, response, callback);
    }

    /** A request in absolute form carries its authority in the URI, which must agree. */
    private static boolean matchesUri(ConsoleOrigins own, Request request) {
        String authority = request.getHttpURI().getAuthority();
        return authority == null || authority.isEmpty() || own.isOwnAuthority(authority);
    }

    private String refusal(ConsoleOrigins own, String host, Request request) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !own.isSameOrigin(origin, host)) {
            return "Cross-origin requests are refused";
        }
        String path = Request.getPathInContext(request);
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !OWN_FETCH_SITES.contains(site) && !isPageNavigation(request, path)) {
            return "Requests from other sites are refused";
        }
        if (isUnder(path, jolokiaPath) && hasCallback(request)) {
            return "JSONP is refused";
        }
        return null;
    }

    private boolean isPageNavigation(Request request, String path) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method))
                && "navigate".equals(request.getHeaders().get("Sec-Fetch-Mode"))
                && apiPaths.stream().noneMatch(api -> isUnder(path, api));
    }

    private static boolean hasCallback(Request request) {
        Fields query = Request.extractQueryParameters(request);
        return query.get("callback") != null;
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static String printable(String host) {
        if (host == null) {
            return "(none)";
        }
        String clean = host.replaceAll("[^A-Za-z0-9.:\\[\\]-]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
