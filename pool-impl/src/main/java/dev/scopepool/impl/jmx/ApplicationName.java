// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import java.util.Optional;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The Jakarta EE application the calling thread works for, as its {@code app=} key in
 * scopepool's {@code ObjectName}s: two applications on one server may declare pools of the same
 * name, and each pool's MBean must say whose it is. The name is the standard JNDI entry
 * {@code java:app/AppName}, which a Jakarta EE server binds for each application's threads.
 * Outside a server (no JNDI provider, or no such entry) there is none, and names stay as they
 * are on plain Java SE.
 */
final class ApplicationName {

    private static final String JNDI_NAME = "java:app/AppName";
    /** What an ObjectName value may hold unquoted; anything else is quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");

    private ApplicationName() {
    }

    /** @return the {@code ,app=<name>} part of an ObjectName for the caller's application, or empty */
    static String objectNameKey() {
        return current().map(app -> ",app=" + (PLAIN.matcher(app).matches() ? app : ObjectName.quote(app)))
                .orElse("");
    }

    /** @return the calling thread's application name, if it runs inside a named application */
    static Optional<String> current() {
        try {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(JNDI_NAME) instanceof String name && !name.isBlank()
                        ? Optional.of(name) : Optional.empty();
            } finally {
                context.close();
            }
        } catch (NamingException | RuntimeException | LinkageError noApplication) {
            // No JNDI provider (plain SE), no java:app namespace on this thread, or javax.naming
            // hidden from this class loader: not inside a named application.
            return Optional.empty();
        }
    }
}
