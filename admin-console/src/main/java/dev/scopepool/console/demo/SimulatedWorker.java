// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.demo;

/** A fake worker (think a native process or a GPU context): jobs take the pool's latency. */
public final class SimulatedWorker extends SimulatedResource {

    /**
     * Starts the worker.
     *
     * @param behaviour the pool's knobs
     * @throws InterruptedException if interrupted while starting
     * @throws SimulatedFailureException if the worker fails to start
     */
    public SimulatedWorker(DemoBehaviour behaviour) throws InterruptedException {
        super(behaviour);
    }

    /**
     * @param job the job's name
     * @throws InterruptedException if interrupted while working
     * @throws SimulatedFailureException if the job fails; the worker is then broken
     */
    public void run(String job) throws InterruptedException {
        perform("job " + job);
    }

    @Override
    protected String kind() {
        return "worker";
    }
}
