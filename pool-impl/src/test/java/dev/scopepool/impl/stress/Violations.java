// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Invariant violations seen during a run: all counted, the first few kept with their detail. */
final class Violations {

    private static final int KEPT = 20;

    private final AtomicLong count = new AtomicLong();
    private final List<String> kept = new ArrayList<>();

    void report(String what) {
        count.incrementAndGet();
        synchronized (kept) {
            if (kept.size() < KEPT) {
                kept.add(what);
            }
        }
    }

    void report(String what, Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        report(what + ": " + trace);
    }

    long count() {
        return count.get();
    }

    List<String> kept() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }
}
