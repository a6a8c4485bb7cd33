// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel to a message broker, the kind of resource worth pooling: opening one costs a
 * round trip, so it is reused. (This sample's channel talks to nobody, to run anywhere.)
 */
public final class Channel {

    private static final AtomicLong OPENED = new AtomicLong();

    private final long id = OPENED.incrementAndGet();
    private volatile boolean open = true;

    /** @return what the broker would acknowledge */
    public String send(String message) {
        if (!open) {
            throw new IllegalStateException("channel " + id + " is closed");
        }
        return "channel " + id + " sent " + message;
    }

    public boolean isOpen() {
        return open;
    }

    public void close() {
        open = false;
    }
}
