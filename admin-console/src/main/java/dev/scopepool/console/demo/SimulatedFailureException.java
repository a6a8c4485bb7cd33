// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

/** A failure a simulated resource was told to have by its {@link DemoBehaviour}. */
public final class SimulatedFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public SimulatedFailureException(String message) {
        // No stack trace: the failure is made up, and its stack would only clutter the logs.
        super(message, null, false, false);
    }
}
