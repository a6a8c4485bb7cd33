// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import java.security.Principal;
import java.util.Objects;

/**
 * The user authenticated by {@link ConsoleLoginModule}.
 *
 * @param name the user's name
 */
public record ConsoleUserPrincipal(String name) implements Principal {

    public ConsoleUserPrincipal {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }
}
