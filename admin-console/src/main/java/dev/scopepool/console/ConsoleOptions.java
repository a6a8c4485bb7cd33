// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import dev.scopepool.console.auth.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the console was asked to do, from its command line and environment.
 *
 * <p>Instances are immutable and always safe to start: {@link #parse} refuses combinations
 * that would expose the console (no authentication on a non-loopback address) or make no
 * sense, with an {@link IllegalArgumentException} whose message is meant for the user.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param authentication whether Hawtio and Jolokia require a login
 * @param user the login's user name (meaningless without authentication)
 * @param password the login's password (meaningless without authentication); wiped by
 *        {@link AdminConsole#start(ConsoleOptions)} once the console keeps only its digest,
 *        except a generated one, which the launcher wipes after showing it
 * @param passwordGenerated whether the password was generated and must be shown to the user
 * @param load whether the load generator runs
 * @param help whether only the usage was asked for
 * @param allowJvmOperations whether Jolokia may write and operate every MBean, not only the
 *        pools' (JVM-level operations: diagnostic commands, heap dumps, JFR, logging levels)
 * @param allowedHosts further host names the console answers to, besides its bound address
 * @param tls the keystore to serve HTTPS with, or null for plain HTTP
 * @param allowPlainHttp whether plain HTTP may be served on an address beyond loopback
 * @param config a properties file whose {@code scopepool.<pool>.*} entries configure the demo
 *        pools through MicroProfile Config, or null for none
 * @param zookeeper where the demo pools' fleet budgets live: {@code host:port[,host:port…]},
 *        {@value #EMBEDDED_ZOOKEEPER} for a ZooKeeper server inside the console, or null for
 *        no fleet budget
 * @param fleetMax each demo pool's fleet budget: the most resources all consoles sharing the
 *        ZooKeeper hold for that pool at once (meaningless without {@code zookeeper})
 */
public record ConsoleOptions(String host, int port, boolean authentication, String user,
        Secret password, boolean passwordGenerated, boolean load, boolean help,
        boolean allowJvmOperations, List<String> allowedHosts, TlsKeystore tls, boolean allowPlainHttp,
        Path config, String zookeeper, int fleetMax) {

    /** Environment variable read when {@code --user} is not given. */
    public static final String USER_ENV = "SCOPEPOOL_CONSOLE_USER";
    /** Environment variable read when {@code --password} is not given. */
    public static final String PASSWORD_ENV = "SCOPEPOOL_CONSOLE_PASSWORD";
    /** The user name when neither {@code --user} nor {@link #USER_ENV} is given. */
    public static final String DEFAULT_USER = "admin";
    /** Environment variable read when {@code --tls-keystore} is not given. */
    public static final String TLS_KEYSTORE_ENV = "SCOPEPOOL_TLS_KEYSTORE";
    /** Environment variable read when {@code --tls-password} is not given. */
    public static final String TLS_PASSWORD_ENV = "SCOPEPOOL_TLS_PASSWORD";
    /** Loopback only, so a console started without thinking is not reachable from the network. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The port the README names. */
    public static final int DEFAULT_PORT = 8080;
    /** The {@code --zookeeper} value that starts a ZooKeeper server inside the console. */
    public static final String EMBEDDED_ZOOKEEPER = "embedded";
    /**
     * Each demo pool's fleet budget when {@code --fleet-max} is not given: above one console's
     * largest demo pool (3), so one console runs unhindered and a second one shares.
     */
    public static final int DEFAULT_FLEET_MAX = 4;

    /** The text {@code --help} prints. */
    public static final String USAGE = """
            Usage: java -jar admin-console.jar [options]

            Starts demo resource pools under load and the Hawtio web console that manages them.

            Options:
              --port N          port to listen on (default 8080; 0 picks a free port)
              --host ADDRESS    address to listen on (default 127.0.0.1)
              --user NAME       login user name (default: $%s, else "admin")
              --password TEXT   login password (default: $%s, else a random one, printed once)
              --no-auth         no login at all; only allowed on a loopback address
              --tls-keystore FILE
                                serve HTTPS only, with the key and certificate in this PKCS#12 or
                                JKS keystore (default: $%s)
              --tls-password TEXT
                                the keystore's password, also its key's (default: $%s)
              --allow-plain-http
                                serve plain HTTP on an address beyond loopback (only behind a
                                TLS-terminating proxy); without it such an address needs TLS
              --no-load         start the pools without the load generator
              --allowed-host NAME
                                a further host name the console answers to (repeatable), e.g. the
                                DNS name it is published under; requests naming any other host
                                are refused
              --allow-jvm-operations
                                let the console run JVM-level operations (diagnostic commands,
                                heap dumps, JFR, VM options, logging levels, agent loading); by
                                default it may operate only the dev.scopepool MBeans
              --config FILE     a properties file configuring the demo pools through
                                MicroProfile Config, e.g. scopepool.orders-db.max=6 (system
                                properties and environment variables override it)
              --zookeeper HOST:PORT[,HOST:PORT...] | embedded
                                take each demo pool's creations from a fleet-wide budget in this
                                ZooKeeper, at /scopepool/demo/<pool>; "embedded" starts one inside
                                the console, on loopback
              --fleet-max N     the fleet budget of each demo pool (default %d); needs --zookeeper
              --help            print this text and exit
            """.formatted(USER_ENV, PASSWORD_ENV, TLS_KEYSTORE_ENV, TLS_PASSWORD_ENV, DEFAULT_FLEET_MAX);

    public ConsoleOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty: give an address such as "
                    + DEFAULT_HOST + " (this machine only) or 0.0.0.0 (every interface)");
        }
        allowedHosts = List.copyOf(allowedHosts);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        if (authentication) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.isBlank()) {
                throw new IllegalArgumentException("--user must not be empty");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("--password must not be empty");
            }
        } else if (!help && !isLoopback(host)) {
            throw new IllegalArgumentException("Refusing to serve the console without authentication on "
                    + host + ", which is not a loopback address: anyone who can reach it could "
                    + "operate the pools. Drop --no-auth, or use --host 127.0.0.1.");
        }
        if (fleetMax < 1) {
            throw new IllegalArgumentException("--fleet-max must be at least 1, was " + fleetMax);
        }
        if (zookeeper != null && zookeeper.isBlank()) {
            throw new IllegalArgumentException("--zookeeper must not be empty: give host:port or "
                    + EMBEDDED_ZOOKEEPER);
        }
        if (!help && tls == null && !allowPlainHttp && !isLoopback(host)) {
            throw new IllegalArgumentException("Refusing to serve the console over plain HTTP on " + host
                    + ", which is not a loopback address: the password and the session cookie would cross "
                    + "the network readable. Give --tls-keystore and --tls-password (or $" + TLS_KEYSTORE_ENV
                    + " and $" + TLS_PASSWORD_ENV + "), or --allow-plain-http if a TLS proxy is in front.");
        }
    }

    /**
     * Reads the command line; missing credentials come from {@code env}, else a random
     * password is generated.
     *
     * @param args the command-line arguments
     * @param env the environment (normally {@link System#getenv()})
     * @return the options
     * @throws IllegalArgumentException for an unknown option, a missing or bad value, or an
     *         unsafe combination; the message says which
     */
    public static ConsoleOptions parse(String[] args, Map<String, String> env) {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        String user = null;
        String password = null;
        boolean auth = true;
        boolean load = true;
        boolean help = false;
        boolean jvmOperations = false;
        List<String> allowedHosts = new ArrayList<>();
        String keystore = null;
        String tlsPassword = null;
        boolean plainHttp = false;
        Path config = null;
        String zookeeper = null;
        Integer fleetMax = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--host" -> host = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--port" -> port = parseInt(inlineValue != null ? inlineValue : value(args, ++i, arg), arg);
                case "--user" -> user = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--password" -> password = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--no-auth" -> auth = false;
                case "--no-load" -> load = false;
                case "--allow-jvm-operations" -> jvmOperations = true;
                case "--allowed-host" -> allowedHosts.add(nonBlank(inlineValue != null ? inlineValue
                        : value(args, ++i, arg), arg));
                case "--tls-keystore" -> keystore = nonBlank(inlineValue != null ? inlineValue
                        : value(args, ++i, arg), arg);
                case "--tls-password" -> tlsPassword = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--allow-plain-http" -> plainHttp = true;
                case "--config" -> config = readableFile(nonBlank(inlineValue != null ? inlineValue
                        : value(args, ++i, arg), arg), arg);
                case "--zookeeper" -> zookeeper = nonBlank(inlineValue != null ? inlineValue
                        : value(args, ++i, arg), arg);
                case "--fleet-max" -> fleetMax = parseInt(inlineValue != null ? inlineValue
                        : value(args, ++i, arg), arg);
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]
                        + " (try --help)");
            }
        }
        if (fleetMax != null && zookeeper == null) {
            throw new IllegalArgumentException("--fleet-max needs --zookeeper");
        }
        int budget = fleetMax == null ? DEFAULT_FLEET_MAX : fleetMax;
        if (help) {
            return new ConsoleOptions(host, port, false, null, null, false, load, true, jvmOperations, allowedHosts,
                    null, plainHttp, config, zookeeper, budget);
        }
        TlsKeystore tls = tls(keystore, tlsPassword, env);
        if (!auth) {
            if (user != null || password != null) {
                throw new IllegalArgumentException("--no-auth cannot be combined with --user or --password");
            }
            return new ConsoleOptions(host, port, false, null, null, false, load, false, jvmOperations,
                    allowedHosts, tls, plainHttp, config, zookeeper, budget);
        }
        if (user == null) {
            user = nonEmpty(env.get(USER_ENV), DEFAULT_USER);
        }
        boolean generated = false;
        if (password == null) {
            password = nonEmpty(env.get(PASSWORD_ENV), null);
        }
        if (password == null) {
            password = randomPassword();
            generated = true;
        }
        return new ConsoleOptions(host, port, true, user, Secret.of(password), generated, load, false, jvmOperations,
                allowedHosts, tls, plainHttp, config, zookeeper, budget);
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "ConsoleOptions[host=" + host + ", port=" + port + ", authentication=" + authentication
                + ", user=" + user + ", password=" + (password == null ? "none" : password)
                + ", load=" + load + ", help=" + help + ", allowJvmOperations=" + allowJvmOperations
                + ", allowedHosts=" + allowedHosts + ", tls=" + (tls == null ? "off" : tls.path())
                + ", allowPlainHttp=" + allowPlainHttp + ", config=" + config + ", zookeeper=" + zookeeper
                + ", fleetMax=" + fleetMax + "]";
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static TlsKeystore tls(String keystore, String password, Map<String, String> env) {
        String file = keystore != null ? keystore : nonEmpty(env.get(TLS_KEYSTORE_ENV), null);
        String secret = password != null ? password : nonEmpty(env.get(TLS_PASSWORD_ENV), null);
        if (file == null) {
            if (password != null) {
                throw new IllegalArgumentException("--tls-password needs --tls-keystore (or $" + TLS_KEYSTORE_ENV + ")");
            }
            return null;
        }
        if (secret == null) {
            throw new IllegalArgumentException("--tls-keystore needs --tls-password (or $" + TLS_PASSWORD_ENV + ")");
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("TLS keystore not readable: " + path.toAbsolutePath());
        }
        return new TlsKeystore(path, Secret.of(secret));
    }

    private static String nonBlank(String value, String option) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty");
        }
        return value.strip();
    }

    private static int parseInt(String text, String option) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + text + "'");
        }
    }

    private static Path readableFile(String file, String option) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(option + ": not a readable file: " + path.toAbsolutePath());
        }
        return path;
    }

    private static String nonEmpty(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** 144 random bits: too many to guess through Hawtio's login throttling. */
    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host: " + host);
        }
    }
}
