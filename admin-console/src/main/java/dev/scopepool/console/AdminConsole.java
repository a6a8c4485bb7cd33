// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import dev.scopepool.ResourceCreationException;
import dev.scopepool.ResourcePool;
import dev.scopepool.cdi.Pool;
import dev.scopepool.cdi.PoolExtension;
import dev.scopepool.cdi.PoolRegistry;
import dev.scopepool.console.auth.ConsoleAccounts;
import dev.scopepool.console.demo.DatabaseConnection;
import dev.scopepool.console.demo.DemoFleetBudgets;
import dev.scopepool.console.demo.DemoPools;
import dev.scopepool.console.demo.LoadGenerator;
import dev.scopepool.console.demo.SimulatedHttpClient;
import dev.scopepool.console.demo.SimulatedWorker;
import dev.scopepool.console.poolspage.PoolsPagePlugin;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The running console: a Weld SE container whose demo pools (from {@link DemoPools}) are
 * created and registered in JMX first, the {@link LoadGenerator} if asked for, then Hawtio
 * on Jetty, which shows those MBeans, with the Pools page registered as a Hawtio plugin
 * ({@link PoolsPagePlugin}). Before the container starts, a {@code --config} file
 * becomes part of its MicroProfile Config ({@link PoolSettingsFile}) and {@code --zookeeper}
 * connects the pools' fleet budgets ({@link DemoFleet}); both are undone after the container
 * has ended, so the pools close with their permits and settings still in place.
 *
 * <p>{@link #start} either returns a fully running console or throws with nothing left
 * running. {@link #close()} is idempotent and thread-safe (it is called from the shutdown
 * hook on Ctrl-C): it stops Jetty (the port is free again), stops the load, and ends the CDI
 * container, which closes the pools and so unregisters their MBeans; no thread started by
 * the console outlives it. Because Hawtio is configured through JVM-wide settings, one
 * console runs per JVM at a time.
 */
public final class AdminConsole implements AutoCloseable {

    /** System property naming another Hawtio war than the one the build puts beside the jar. */
    public static final String WAR_PROPERTY = "scopepool.console.war";

    private static final System.Logger LOG = System.getLogger(AdminConsole.class.getName());
    private static final AtomicBoolean RUNNING = new AtomicBoolean();
    private static final int INITIALIZE_ATTEMPTS = 3;
    /**
     * Weld announces itself at INFO through java.util.logging; the console's banner says what
     * matters. Held in a field because JUL forgets the level of a logger nobody references.
     */
    private static final java.util.logging.Logger WELD_LOG = quiet("org.jboss.weld");

    private final ConsoleOptions options;
    /** What to undo, newest first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private WeldContainer container;
    private HawtioServer server;
    private DemoFleet fleet;

    private AdminConsole(ConsoleOptions options) {
        this.options = options;
    }

    /**
     * Starts a console whose only user is the one in {@code options}. The console keeps only a
     * salted digest of the password: a password the user chose is wiped from {@code options}
     * here; a generated one stays until the caller has shown it and wipes it.
     *
     * @param options what to start
     * @return the running console
     * @throws Exception if any part fails to start; whatever had started is stopped again
     * @throws IllegalStateException if a console runs in this JVM already
     */
    public static AdminConsole start(ConsoleOptions options) throws Exception {
        ConsoleAccounts accounts = null;
        if (options.authentication()) {
            char[] password = options.password().reveal();
            try {
                accounts = ConsoleAccounts.admin(options.user(), password);
            } finally {
                Arrays.fill(password, '\0');
            }
            if (!options.passwordGenerated()) {
                options.password().wipe();
            }
        }
        return start(options, accounts);
    }

    /**
     * Starts a console with the given accounts (ignored when {@code options} turn
     * authentication off); only accounts with the {@value ConsoleAccounts#ADMIN_ROLE} role
     * get in.
     *
     * @param options what to start
     * @param accounts who may log in
     * @return the running console
     * @throws Exception if any part fails to start; whatever had started is stopped again
     * @throws IllegalStateException if a console runs in this JVM already
     */
    public static AdminConsole start(ConsoleOptions options, ConsoleAccounts accounts) throws Exception {
        Objects.requireNonNull(options, "options");
        if (options.authentication()) {
            Objects.requireNonNull(accounts, "accounts are required with authentication");
        }
        if (!RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("An admin console already runs in this JVM");
        }
        AdminConsole console = new AdminConsole(options);
        try {
            console.boot(accounts);
            return console;
        } catch (Exception | Error e) {
            console.close();
            throw e;
        }
    }

    private void boot(ConsoleAccounts accounts) throws Exception {
        started.push(HawtioSettings.apply(options.authentication(), accounts));
        if (options.config() != null) {
            // Before the container starts: pool-cdi reads the configuration once, at its start.
            started.push(PoolSettingsFile.install(options.config()));
        }
        DemoFleetBudgets budgets = new DemoFleetBudgets();
        if (options.zookeeper() != null) {
            // Closed after the container: the pools return their permits as they close.
            DemoFleet connected = DemoFleet.connect(options.zookeeper(), options.fleetMax(), DemoPools.NAMES);
            fleet = connected;
            started.push(connected);
            budgets = connected.budgets();
        }

        WeldContainer weld = new Weld("scopepool-console")
                .disableDiscovery()
                // The console's own hook closes things in order: Jetty before the pools.
                .skipShutdownHook()
                .addExtension(new PoolExtension())
                .addExtension(budgets)
                .addBeanClasses(DemoPools.class, LoadGenerator.class)
                .initialize();
        container = weld;
        started.push(weld::shutdown);

        // Pool beans are created lazily; Hawtio must find their MBeans when it starts.
        initialize(weld.select(new TypeLiteral<ResourcePool<DatabaseConnection>>() { },
                Pool.Literal.of(DemoPools.DATABASE)).get());
        initialize(weld.select(new TypeLiteral<ResourcePool<SimulatedHttpClient>>() { },
                Pool.Literal.of(DemoPools.HTTP)).get());
        initialize(weld.select(new TypeLiteral<ResourcePool<SimulatedWorker>>() { },
                Pool.Literal.of(DemoPools.WORKERS)).get());

        if (options.load()) {
            LoadGenerator load = weld.select(LoadGenerator.class).get();
            load.start();
            started.push(load::stop);
        }

        // Before Hawtio starts: its front end lists plugins once, when it loads.
        started.push(PoolsPagePlugin.register());
        SSLContext tls = options.tls() == null ? null : options.tls().sslContext();
        HawtioServer hawtio = new HawtioServer(options.host(), options.port(), war(), tls);
        server = hawtio;
        started.push(hawtio::stop);
        hawtio.bind();
        ConsoleOrigins origins = ConsoleOrigins.of(scheme(), options.host(), hawtio.port(), options.allowedHosts());
        started.push(JolokiaAccessPolicy.apply(origins, options.allowJvmOperations()));
        hawtio.start(origins);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /**
     * Fills the pool to its minimum. The demo's resources fail to open now and then on
     * purpose, so a failed creation is retried a few times; a pool still short after that
     * starts anyway (it exists, and its MBean with it).
     */
    private static void initialize(ResourcePool<?> pool) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                pool.initialize();
                return;
            } catch (ResourceCreationException e) {
                if (attempt == INITIALIZE_ATTEMPTS) {
                    LOG.log(Level.WARNING, "Pool {0} starts below its minimum: {1}", pool.name(), e.getMessage());
                    return;
                }
            }
        }
    }

    /** @return Hawtio's war: {@value #WAR_PROPERTY}, else {@code hawtio.war} beside this jar */
    static Path war() {
        String configured = System.getProperty(WAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            // Beside admin-console.jar when packaged; beside target/classes (in target/) in tests.
            Path codeSource = Path.of(AdminConsole.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return codeSource.toAbsolutePath().getParent().resolve("hawtio.war");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the console's jar", e);
        }
    }

    /** @return the options the console runs with */
    public ConsoleOptions options() {
        return options;
    }

    /** @return the port Hawtio listens or listened on (the bound one when 0 was asked for) */
    public int port() {
        return server.port();
    }

    /** @return the console's address, e.g. {@code http://127.0.0.1:8080/hawtio/}, {@code https} with TLS */
    public URI url() {
        String host = options.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create(scheme() + "://" + host + ":" + port() + HawtioServer.CONTEXT_PATH + "/");
    }

    private String scheme() {
        return options.tls() == null ? "http" : "https";
    }

    /**
     * @return where the demo pools' fleet budgets live, e.g. {@code 127.0.0.1:2181 (embedded)},
     *         or null without {@code --zookeeper}
     */
    public String fleetBudget() {
        if (fleet == null) {
            return null;
        }
        return DemoFleet.ROOT + "/<pool> on ZooKeeper " + fleetConnectString()
                + (fleet.embedded() ? " (embedded)" : "") + ", " + options.fleetMax() + " per pool";
    }

    /** @return the ZooKeeper address the fleet budgets use, or null without {@code --zookeeper} */
    String fleetConnectString() {
        return fleet == null ? null : fleet.connectString();
    }

    /** @return the names of the live CDI-managed pools; only while the console runs */
    public List<String> poolNames() {
        return List.copyOf(container.select(PoolRegistry.class).get().pools().keySet());
    }

    /** @return whether the load generator runs (false once closed) */
    public boolean isLoadRunning() {
        return !closed.get() && container.select(LoadGenerator.class).get().isRunning();
    }

    /** Stops everything started, newest first; idempotent, never throws (failures are logged). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            while (!started.isEmpty()) {
                AutoCloseable step = started.pop();
                try {
                    step.close();
                } catch (Exception | LinkageError e) {
                    LOG.log(Level.WARNING, "Stopping the console: " + e, e);
                }
            }
        } finally {
            RUNNING.set(false);
        }
    }
}
