// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

/**
 * Cache-line padding laid out before {@link Slot}'s own fields (HotSpot places a superclass's
 * fields first). Slots are allocated back to back, so without it two threads working on
 * neighbouring slots would invalidate each other's line on every CAS: false sharing.
 */
abstract class SlotPadding {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}
