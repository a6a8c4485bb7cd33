// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.apps;

import dev.scopepool.ResourcePool;
import dev.scopepool.impl.EngineProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * One application's class loader, as a server gives each deployment: scopepool's classes (and
 * {@link ApplicationScenario}) of its own, the JDK from the platform loader, and, if asked,
 * without {@code jdk.jfr}, as WildFly shows the JDK to a deployment that does not declare it.
 * Its name is the application's name (see {@link ApplicationNaming}).
 */
final class ApplicationLoader extends URLClassLoader {

    private ApplicationLoader(String app, URL[] urls, ClassLoader jdk) {
        super(app, urls, jdk);
    }

    static ApplicationLoader of(String app, boolean jfrVisible) {
        URL[] scopepool = {location(ResourcePool.class), location(EngineProvider.class),
                location(ApplicationScenario.class)};
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        return new ApplicationLoader(app, scopepool, jfrVisible ? platform : new ClassLoader(platform) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("jdk.jfr.")) {
                    throw new ClassNotFoundException(name + " (hidden from this application)");
                }
                return super.loadClass(name, resolve);
            }
        });
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** @return a fresh {@link ApplicationScenario} of this application, run on its threads' context loader */
    @SuppressWarnings("unchecked")
    Function<String, String> scenario() throws ReflectiveOperationException {
        Function<String, String> scenario = (Function<String, String>) loadClass(ApplicationScenario.class.getName())
                .getConstructor().newInstance();
        return command -> inApplication(() -> scenario.apply(command));
    }

    /** Runs as the server runs an application's request: with this loader as context class loader. */
    <V> V inApplication(Callable<V> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
