// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import dev.scopepool.cdi.HealthCheckFailed;
import dev.scopepool.cdi.PoolClosed;
import dev.scopepool.cdi.PoolCreated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Remembers the latest pool events of this application, as an audit log would. */
@ApplicationScoped
public class PoolEventLog {

    private static final int KEPT = 500;

    private final Deque<String> latest = new ArrayDeque<>();

    void created(@Observes PoolCreated event) {
        add("created " + event.name());
    }

    void closed(@Observes PoolClosed event) {
        add("closed " + event.name());
    }

    void unhealthy(@Observes HealthCheckFailed event) {
        add("unhealthy " + event.name() + ": " + event.message());
    }

    private synchronized void add(String entry) {
        if (latest.size() == KEPT) {
            latest.removeFirst();
        }
        latest.addLast(entry);
    }

    /** @return the latest events, oldest first */
    public synchronized List<String> latest() {
        return List.copyOf(latest);
    }
}
