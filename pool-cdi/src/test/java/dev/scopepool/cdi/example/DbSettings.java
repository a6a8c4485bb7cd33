// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi.example;

import jakarta.enterprise.context.ApplicationScoped;

/** Where the example's database is; a bean, so the producer can take it as a parameter. */
@ApplicationScoped
class DbSettings {
    String url() {
        return "fake:orders";
    }
}
