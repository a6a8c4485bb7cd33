// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link PostgresServer} before a test class that uses it and stops it when
 * the whole test run ends (the root context's store closes it), not after each class.
 */
final class PostgresSupport implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        PostgresServer.shared();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresSupport.class, k -> new Stopper(), Stopper.class);
    }

    private static final class Stopper implements AutoCloseable {
        @Override
        public void close() {
            PostgresServer.stopShared();
        }
    }
}
