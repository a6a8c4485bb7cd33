// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.apps;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.NamingManager;

/**
 * JNDI as a Jakarta EE server answers {@code java:app/AppName}: the name of the application the
 * calling thread works for, here the name of its context {@link ApplicationLoader}. Threads of
 * no application get {@link NameNotFoundException}, as plain SE code does from a server's JNDI.
 * Installed once per JVM (JNDI allows one builder); other tests' pools see no application.
 */
final class ApplicationNaming {

    private ApplicationNaming() {
    }

    static synchronized void install() throws NamingException {
        if (!NamingManager.hasInitialContextFactoryBuilder()) {
            NamingManager.setInitialContextFactoryBuilder(env -> ApplicationNaming::context);
        }
    }

    private static Context context(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> appName(String.valueOf(args[0]));
                    case "close" -> null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ApplicationNaming";
                    default -> throw new OperationNotSupportedException(method.getName());
                });
    }

    private static String appName(String name) throws NameNotFoundException {
        if (name.equals("java:app/AppName")
                && Thread.currentThread().getContextClassLoader() instanceof ApplicationLoader app) {
            return app.getName();
        }
        throw new NameNotFoundException(name);
    }
}
