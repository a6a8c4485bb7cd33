// SPDX-License-Identifier: Apache-2.0
/**
 * Applications side by side in one JVM, as a Jakarta EE server runs them: each its own class
 * loader with its own copy of pool-api and pool-impl, and its own name in JNDI. Pins what a
 * server needs of the engine: names that say whose a pool is, optional JFR, and nothing left
 * in the JVM once an application's pools are closed.
 */
package dev.scopepool.impl.apps;
