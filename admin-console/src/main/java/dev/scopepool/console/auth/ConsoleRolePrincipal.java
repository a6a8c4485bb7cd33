// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.auth;

import java.security.Principal;
import java.util.Objects;

/**
 * A role granted by {@link ConsoleLoginModule}. Hawtio's role check
 * ({@code hawtio.rolePrincipalClasses}) looks for principals of exactly this class, so a role
 * cannot be faked by a user principal that happens to carry the role's name.
 *
 * @param name the role's name
 */
public record ConsoleRolePrincipal(String name) implements Principal {

    public ConsoleRolePrincipal {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return name;
    }
}
