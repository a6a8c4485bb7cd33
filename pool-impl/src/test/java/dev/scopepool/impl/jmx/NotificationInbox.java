// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.jmx;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Notification;
import javax.management.NotificationListener;

/** A JMX listener that keeps what it hears, for a test to take in order, each wait bounded. */
final class NotificationInbox implements NotificationListener {

    static final long WAIT_SECONDS = 10;

    private final BlockingQueue<Notification> heard = new LinkedBlockingQueue<>();

    @Override
    public void handleNotification(Notification notification, Object handback) {
        heard.add(notification);
    }

    /** @return whether nothing was heard that is not taken yet */
    boolean isEmpty() {
        return heard.isEmpty();
    }

    /** @return the next notification heard, failing the test after {@link #WAIT_SECONDS} */
    Notification next() throws InterruptedException {
        Notification n = heard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(n, "a notification arrived within " + WAIT_SECONDS + "s");
        return n;
    }

    /** @return the next notification of {@code type}, skipping others */
    Notification next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Notification n = heard.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (n != null && n.getType().equals(type)) {
                return n;
            }
        }
        return fail("no " + type + " notification within " + WAIT_SECONDS + "s");
    }
}
