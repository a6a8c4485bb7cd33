// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

/**
 * Cache-line padding laid out before {@link FloorSlot}'s fields (HotSpot places a superclass's
 * fields first), so two threads on neighbouring slots never share a line.
 */
abstract class FloorSlotPadding {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}
