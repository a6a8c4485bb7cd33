// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scopepool.PoolConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code x-<n>}: n is unique per JVM, not per copy of pool-cdi. On a server every application
 * has its own copy, so the count lives where every copy reads it (a system property).
 */
class PoolInstanceNamesTest {

    private static PoolDeclaration declared(String value, Class<? extends java.lang.annotation.Annotation> scope)
            throws Exception {
        ParameterizedType configType = (ParameterizedType) PoolInstanceNamesTest.class
                .getDeclaredMethod("config").getGenericReturnType();
        return new PoolDeclaration(value, "test producer", scope, configType);
    }

    @SuppressWarnings("unused")
    private static PoolConfig<Object> config() {
        return null;
    }

    @Test
    void theNumberContinuesFromWhatAnotherCopyOfTheExtensionGaveInThisJvm() throws Exception {
        // As if another application's copy had already named instance 41 of this declaration.
        System.setProperty(PoolDeclaration.INSTANCE_COUNT_PROPERTY + "continued", "41");
        assertEquals("continued-42", declared("continued", RequestScoped.class).nextPoolName());
        assertEquals("continued-43", declared("continued", RequestScoped.class).nextPoolName());
    }

    @Test
    void concurrentRequestsGetDistinctNames() throws Exception {
        PoolDeclaration perRequest = declared("concurrent-names", RequestScoped.class);
        Set<String> names = ConcurrentHashMap.newKeySet();
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(requests.submit(() -> {
                    for (int j = 0; j < 250; j++) {
                        names.add(perRequest.nextPoolName());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            requests.shutdownNow();
        }
        assertEquals(2000, names.size());
    }

    @Test
    void singleInstanceScopesKeepTheBareName() throws Exception {
        assertEquals("bare", declared("bare", ApplicationScoped.class).nextPoolName());
        assertEquals(null, System.getProperty(PoolDeclaration.INSTANCE_COUNT_PROPERTY + "bare"));
    }
}
