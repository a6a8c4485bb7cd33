// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.stress;

/** The kinds of misbehaviour {@link FaultyResources} injects, counted by kind in the report. */
enum Fault {
    CREATE_THROWS,
    CREATE_RETURNS_NULL,
    CREATE_SLOW,
    CREATE_HANGS,
    CREATE_NEVER_RETURNS,
    CREATE_IGNORES_INTERRUPTS,
    /** A create failed because the controller switched the backend off (an outage). */
    BACKEND_DOWN,
    DESTROY_THROWS,
    DESTROY_SLOW,
    DESTROY_HANGS,
    CHECK_UNHEALTHY,
    CHECK_THROWS,
    CHECK_HANGS,
    CHECK_NEVER_RETURNS,
    CHECK_IGNORES_INTERRUPTS,
    WORK_THROWS,
    INTERRUPT
}
