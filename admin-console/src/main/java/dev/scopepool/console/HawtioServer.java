// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import dev.scopepool.console.poolspage.PoolsPageFiles;
import dev.scopepool.console.poolspage.PoolsPagePlugin;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ClassMatcher;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves the Hawtio 4 web application at {@code /hawtio} on Jetty 12 (what Hawtio's own
 * embedded launcher does, which exists only for older Jetty): one connector on the given
 * address, {@code /} redirecting to the console, and the Pools page's files
 * ({@link PoolsPageFiles}) in a context of their own, without sessions, at {@value #PLUGIN_PATH}.
 *
 * <p>Start once, stop once; {@link #stop()} releases the port and ends every Jetty thread
 * before it returns. Not thread-safe: the owning {@link AdminConsole} serialises calls.
 */
final class HawtioServer {

    /** Where the console lives; the Hawtio UI assumes a context path of its own. */
    static final String CONTEXT_PATH = "/hawtio";
    /** Where Hawtio serves Jolokia. */
    static final String JOLOKIA_PATH = CONTEXT_PATH + "/jolokia";
    /** Where the Pools page's plugin files are served, without a login. */
    static final String PLUGIN_PATH = CONTEXT_PATH + "/" + PoolsPagePlugin.FOLDER;
    /** Hawtio's endpoints that are called by scripts, never navigated to as pages. */
    private static final List<String> API_PATHS = List.of(JOLOKIA_PATH, CONTEXT_PATH + "/auth",
            CONTEXT_PATH + "/proxy", CONTEXT_PATH + "/user", CONTEXT_PATH + "/keycloak");

    private final Server server;
    private final ServerConnector connector;
    private final RequestGuard guard;

    /**
     * @param host the address to bind
     * @param port the port, 0 for a free one
     * @param war Hawtio's web application archive
     * @param tls the TLS context to serve HTTPS with (and nothing else on the port), or null
     *        for plain HTTP
     */
    HawtioServer(String host, int port, Path war, SSLContext tls) {
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("Hawtio web application not found at " + war
                    + " (it is copied there by the build; set -D" + AdminConsole.WAR_PROPERTY
                    + " to use another)");
        }
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("scopepool-console-http");
        server = new Server(threads);
        // The console stops Jetty itself, after the HTTP side is quiet and before the pools close.
        server.setStopAtShutdown(false);
        connector = tls == null ? new ServerConnector(server, 1, 1) : httpsConnector(server, tls);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext hawtio = new WebAppContext();
        hawtio.setContextPath(CONTEXT_PATH);
        hawtio.setWar(war.toString());
        // A broken console must fail the start, not answer 503 behind a "running" banner.
        hawtio.setThrowUnavailableOnStartupException(true);
        // Hawtio's own SLF4J would find Jetty's provider, which the webapp may not load, and
        // complain on every start; sharing the server's SLF4J sends Hawtio's logging through
        // Jetty's, configured in jetty-logging.properties.
        hawtio.addProtectedClassMatcher(new ClassMatcher("org.slf4j."));
        // The session cookie stays out of scripts and off requests that other sites start.
        hawtio.getSessionHandler().setHttpOnly(true);
        hawtio.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        hawtio.addFilter(new FilterHolder(new LogoutFilter()), "/auth/logout", EnumSet.of(DispatcherType.REQUEST));
        // Error pages name the status only: a stack trace tells an attacker what runs inside.
        hawtio.setErrorHandler(new StatusOnlyErrorPages());

        ContextHandler root = new ContextHandler(new RedirectToConsole(), "/");
        // A context of its own: Hawtio loads plugins before the login, and these files need no session.
        ContextHandler poolsPage = new ContextHandler(new PoolsPageFiles(), PLUGIN_PATH);
        guard = new RequestGuard(JOLOKIA_PATH, API_PATHS, new ContextHandlerCollection(hawtio, poolsPage, root));
        server.setHandler(guard);
        ErrorHandler serverErrors = new ErrorHandler();
        serverErrors.setShowStacks(false);
        serverErrors.setShowCauses(false);
        server.setErrorHandler(serverErrors);
    }

    /**
     * A connector that speaks TLS only: a plain HTTP request on its port fails the handshake
     * and gets no answer. Requests marked secure make the session cookie {@code Secure}.
     */
    private static ServerConnector httpsConnector(Server server, SSLContext tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls);
        HttpConfiguration https = new HttpConfiguration();
        https.setSendServerVersion(false);
        https.addCustomizer(new SecureRequestCustomizer());
        return new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
    }

    /**
     * Binds the port, so that the port chosen for 0 is known before anything is served.
     *
     * @throws IOException if the port cannot be bound
     */
    void bind() throws IOException {
        connector.open();
    }

    /**
     * Starts serving.
     *
     * @param origins the names the console answers to (see {@link RequestGuard})
     * @throws Exception if the port cannot be bound or Hawtio fails to start; nothing is
     *         left running then
     */
    void start(ConsoleOrigins origins) throws Exception {
        guard.allow(origins);
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
    }

    /** @return the bound port */
    int port() {
        return connector.getLocalPort();
    }

    /** @return the bound address */
    InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /** Stops serving; the port is free and Jetty's threads are gone when this returns. */
    void stop() {
        try {
            server.stop();
            server.join();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop cleanly", e);
        } finally {
            // Bound by bind() but never started: stopping the server would not release it.
            connector.close();
            server.destroy();
        }
    }

    /** Sends visitors of the bare address to the console. */
    private static final class RedirectToConsole extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Response.sendRedirect(request, response, callback, CONTEXT_PATH + "/");
            return true;
        }
    }
}
