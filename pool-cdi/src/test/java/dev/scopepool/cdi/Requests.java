// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.se.SeContainer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work inside one request context that starts and ends around it. On a thread of its
 * own, because containers differ on the main thread: OpenWebBeans SE keeps a request context
 * active there for the container's whole life, so a controller there would start nothing.
 */
final class Requests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Requests() {
    }

    /** @return what the work returned, after the request ended */
    static <T> T inNewRequest(SeContainer container, String threadName, Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            RequestContextController request = container.select(RequestContextController.class).get();
            assertTrue(request.activate(), "a new request context started on " + threadName);
            try {
                return work.call();
            } finally {
                request.deactivate();
            }
        });
        Thread thread = new Thread(task, threadName);
        thread.start();
        try {
            return task.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("request on " + threadName + " did not end within " + TIMEOUT, e);
        } finally {
            thread.join(TIMEOUT.toMillis());
        }
    }
}
