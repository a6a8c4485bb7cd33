// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The access policy of the console's Jolokia ({@code jolokia-access.xml} format, read by
 * Jolokia's {@code PolicyRestrictor}), written for this run to a private temporary file and
 * named in the {@code jolokia.policyLocation} system property, which Hawtio's Jolokia servlet
 * reads when it starts.
 *
 * <p>CORS: only the console's own origins are ever echoed in {@code Access-Control-Allow-Origin}.
 * Jolokia's {@code <strict-checking/>} is left out on purpose: it refuses every request that
 * carries neither {@code Origin} nor {@code Referer}, that is every script and command-line
 * client; the same-origin rule for browsers is enforced in front of Jolokia by
 * {@link RequestGuard} instead.
 *
 * <p>Least privilege: unless JVM-level operations are allowed, the policy permits the
 * read-only commands ({@code read}, {@code list}, {@code search}, {@code version}) on every
 * MBean, and {@code write} and {@code exec} only on {@value #OPERABLE_DOMAIN} MBeans (the pools
 * and the demo's behaviour knobs) plus the read-only queries Hawtio's UI makes of its own
 * security MBeans ({@code list} of the RBAC registry, {@code canInvoke}), without which it
 * shows no tree. So {@code DiagnosticCommand} (agent loading, VM log), {@code HotSpotDiagnostic}
 * (heap dumps, VM options), JFR, logging levels, Hawtio's {@code JVMList.startAgent} and
 * anything else the platform registers are refused with Jolokia's 403. With JVM-level
 * operations allowed, every command on every MBean is permitted.
 *
 * <p>Created and closed by the owning {@link AdminConsole}; {@link #close()} restores the
 * property and deletes the file.
 */
final class JolokiaAccessPolicy implements AutoCloseable {

    /** The Hawtio-read system property that points Jolokia at its policy. */
    static final String POLICY_PROPERTY = "jolokia.policyLocation";
    /** The JMX domain whose MBeans the console may write and operate. */
    static final String OPERABLE_DOMAIN = "dev.scopepool";

    /** Read-only commands on any MBean; write and exec only where {@link #OPERABLE_DOMAIN} allows. */
    private static final String LEAST_PRIVILEGE = """
              <commands>
                <command>read</command>
                <command>list</command>
                <command>search</command>
                <command>version</command>
              </commands>
              <allow>
                <mbean>
                  <name>%s:*</name>
                  <attribute>*</attribute>
                  <operation>*</operation>
                </mbean>
                <mbean>
                  <name>hawtio:type=security,*</name>
                  <operation>list*</operation>
                  <operation>canInvoke*</operation>
                </mbean>
              </allow>
            """.formatted(OPERABLE_DOMAIN);

    private final Path file;
    private final String previous;

    private JolokiaAccessPolicy(Path file, String previous) {
        this.file = file;
        this.previous = previous;
    }

    /**
     * @param origins the console's own origins
     * @param allowJvmOperations whether every MBean may be written and operated
     * @return the policy, in force for Jolokia servlets started from now on
     */
    static JolokiaAccessPolicy apply(ConsoleOrigins origins, boolean allowJvmOperations) {
        try {
            Path file = Files.createTempFile("scopepool-jolokia-access", ".xml");
            Files.writeString(file, render(origins.origins(), allowJvmOperations), StandardCharsets.UTF_8);
            String previous = System.setProperty(POLICY_PROPERTY, file.toUri().toString());
            return new JolokiaAccessPolicy(file, previous);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Jolokia access policy", e);
        }
    }

    /** @return the policy document for these origins */
    static String render(List<String> origins, boolean allowJvmOperations) {
        String allowOrigins = origins.stream()
                .map(origin -> "    <allow-origin>" + xml(origin) + "</allow-origin>")
                .collect(Collectors.joining("\n"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <restrict>
                  <cors>
                %s
                  </cors>
                %s</restrict>
                """.formatted(allowOrigins, allowJvmOperations ? "" : LEAST_PRIVILEGE);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() throws IOException {
        if (previous == null) {
            System.clearProperty(POLICY_PROPERTY);
        } else {
            System.setProperty(POLICY_PROPERTY, previous);
        }
        Files.deleteIfExists(file);
    }
}
