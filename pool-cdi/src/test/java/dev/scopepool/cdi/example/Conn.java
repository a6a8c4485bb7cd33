// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi.example;

/** The example's connection: answers any query with "1" and remembers whether it was closed. */
final class Conn {

    private final String url;
    private volatile boolean closed;

    Conn(String url) {
        this.url = url;
    }

    String query(String sql) {
        if (closed) {
            throw new IllegalStateException("closed: " + url);
        }
        return "1";
    }

    void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
