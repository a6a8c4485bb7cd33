// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi.example;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The example's driver; keeps every connection it opened so the test can check they were closed. */
final class Db {

    private static final List<Conn> OPENED = new CopyOnWriteArrayList<>();

    private Db() {
    }

    static Conn connect(String url) {
        Conn conn = new Conn(url);
        OPENED.add(conn);
        return conn;
    }

    static List<Conn> opened() {
        return List.copyOf(OPENED);
    }
}
