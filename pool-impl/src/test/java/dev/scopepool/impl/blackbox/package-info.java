// SPDX-License-Identifier: Apache-2.0
/**
 * Black-box tests of the engine: they reach pools only through the public API
 * ({@link dev.scopepool.ResourcePools}, {@link dev.scopepool.Scope},
 * {@link dev.scopepool.ResourcePool}), so the compiler keeps them from depending on how the
 * engine is built. White-box tests, which play races on the engine's parts, live in
 * {@code dev.scopepool.impl}; JMX tests in {@code dev.scopepool.impl.jmx}; the randomized
 * stress harness in {@code dev.scopepool.impl.stress}.
 */
package dev.scopepool.impl.blackbox;
