// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects WARNING and SEVERE records logged through {@code java.util.logging} (where the
 * containers' logs end up) while it is attached, with the messages of their exceptions.
 */
final class LoggedProblems extends Handler {

    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LoggedProblems() {
        setLevel(Level.WARNING);
    }

    static LoggedProblems capture() {
        LoggedProblems problems = new LoggedProblems();
        Logger.getLogger("").addHandler(problems);
        return problems;
    }

    void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        messages.add(String.valueOf(record.getMessage()));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            messages.add(String.valueOf(t));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
