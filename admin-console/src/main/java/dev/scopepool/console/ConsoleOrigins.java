// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The names under which the console may be addressed, and so the only origins its pages and
 * Jolokia answer to: {@code scheme://host:port} for each host name in the set.
 *
 * <p>A browser tricked by DNS rebinding sends the attacker's name in {@code Host}, and a page of
 * another site or another port sends its own {@code Origin}; both are told apart from the
 * console's own requests here. The names are the bound address itself; for a loopback address
 * also {@code localhost}, {@code 127.0.0.1} and {@code [::1]}; for a wildcard address
 * ({@code 0.0.0.0}, {@code ::}) every address of this machine's interfaces; plus the names
 * given with {@code --allowed-host} (a DNS name the console is published under).
 *
 * <p>Immutable and thread-safe.
 */
final class ConsoleOrigins {

    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final String scheme;
    private final int port;
    /** Lower-case host names, IPv6 literals in brackets. */
    private final Set<String> hosts;

    private ConsoleOrigins(String scheme, int port, Set<String> hosts) {
        this.scheme = scheme;
        this.port = port;
        this.hosts = Collections.unmodifiableSet(hosts);
    }

    /**
     * @param scheme {@code http} or {@code https}
     * @param boundHost the address the console listens on, as given by the user
     * @param port the bound port
     * @param extraHosts further host names the console is reached under
     * @return the console's origins
     */
    static ConsoleOrigins of(String scheme, String boundHost, int port, Collection<String> extraHosts) {
        Objects.requireNonNull(scheme, "scheme");
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(normalizeHost(boundHost));
        for (InetAddress address : resolve(boundHost)) {
            if (address.isLoopbackAddress()) {
                hosts.addAll(LOOPBACK_NAMES);
            } else if (address.isAnyLocalAddress()) {
                hosts.addAll(LOOPBACK_NAMES);
                hosts.addAll(interfaceAddresses());
            }
            hosts.add(normalizeHost(address.getHostAddress()));
        }
        extraHosts.forEach(host -> hosts.add(normalizeHost(host)));
        return new ConsoleOrigins(scheme, port, hosts);
    }

    /** @return the origins a browser sends for the console's own pages, e.g. {@code http://127.0.0.1:8080} */
    List<String> origins() {
        return hosts.stream().map(host -> scheme + "://" + host + ":" + port).toList();
    }

    /**
     * @param hostHeader the request's {@code Host} header (may be null)
     * @return whether it names the console: one of its hosts, and its port
     */
    boolean isOwnAuthority(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        try {
            URI authority = new URI(scheme + "://" + hostHeader.strip() + "/");
            if (authority.getHost() == null || authority.getUserInfo() != null) {
                return false;
            }
            int given = authority.getPort() == -1 ? defaultPort() : authority.getPort();
            return given == port && hosts.contains(normalizeHost(authority.getHost()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * @param origin the request's {@code Origin} header
     * @param hostHeader the request's {@code Host} header
     * @return whether the origin is the console itself, as addressed by this request
     *         (same scheme, host and port); the opaque origin {@code null} never is
     */
    boolean isSameOrigin(String origin, String hostHeader) {
        if (origin == null || !isOwnAuthority(hostHeader)) {
            return false;
        }
        try {
            URI given = new URI(origin.strip());
            URI own = new URI(scheme + "://" + hostHeader.strip());
            if (!scheme.equalsIgnoreCase(given.getScheme()) || given.getHost() == null
                    || (given.getPath() != null && !given.getPath().isEmpty())) {
                return false;
            }
            int givenPort = given.getPort() == -1 ? defaultPort() : given.getPort();
            int ownPort = own.getPort() == -1 ? defaultPort() : own.getPort();
            return givenPort == ownPort && normalizeHost(given.getHost()).equals(normalizeHost(own.getHost()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private int defaultPort() {
        return "https".equals(scheme) ? 443 : 80;
    }

    static String normalizeHost(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.indexOf(':') >= 0 && !lower.startsWith("[")) {
            lower = "[" + lower + "]";
        }
        return lower;
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Unknown host: " + host, e);
        }
    }

    private static Set<String> interfaceAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    addresses.add(normalizeHost(zone < 0 ? text : text.substring(0, zone)));
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("Cannot list this machine's network addresses", e);
        }
        return addresses;
    }

    @Override
    public String toString() {
        return origins().toString();
    }
}
