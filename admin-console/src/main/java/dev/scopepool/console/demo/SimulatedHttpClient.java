// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

/** A fake HTTP client bound to one backend: requests take the pool's latency and fail at its rate. */
public final class SimulatedHttpClient extends SimulatedResource {

    /**
     * Opens the client (think TLS handshake).
     *
     * @param behaviour the pool's knobs
     * @throws InterruptedException if interrupted while connecting
     * @throws SimulatedFailureException if the handshake fails
     */
    public SimulatedHttpClient(DemoBehaviour behaviour) throws InterruptedException {
        super(behaviour);
    }

    /**
     * @param path the request path
     * @return the pretend status code, always 200 (failures throw)
     * @throws InterruptedException if interrupted while waiting for the answer
     * @throws SimulatedFailureException if the request fails; the client is then broken
     */
    public int get(String path) throws InterruptedException {
        perform("GET " + path);
        return 200;
    }

    @Override
    protected String kind() {
        return "http-client";
    }
}
