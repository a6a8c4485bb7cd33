// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * The lists in which a proxy keeps what it opened and must close with itself (a connection's
 * statements, a statement's result sets). Each list is made when the first object is opened,
 * so a proxy that opens none allocates none, and is guarded by itself.
 */
final class OpenObjects {

    private OpenObjects() {
    }

    /**
     * @param list a proxy's list, or null if it never opened anything
     * @return what the list held, which it no longer does; empty (and no lock taken) if it held nothing
     */
    static <T> List<T> takeAll(List<T> list) {
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            if (list.isEmpty()) {
                return List.of();
            }
            List<T> taken = new ArrayList<>(list);
            list.clear();
            return taken;
        }
    }
}
