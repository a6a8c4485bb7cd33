// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

/** What a fault-injecting factory, destroyer, health check or unit of work throws on purpose. */
final class InjectedFault extends Exception {

    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
        super(message, null, false, false);
    }
}
