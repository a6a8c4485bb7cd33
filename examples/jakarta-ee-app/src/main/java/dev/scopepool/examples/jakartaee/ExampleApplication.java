// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST resources live under {@code /api}. */
@ApplicationPath("/api")
public class ExampleApplication extends Application {
}
