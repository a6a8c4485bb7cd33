// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

/** One scenario family's part of the printed report. */
interface ReportSection {

    /** @return the section's Markdown, starting with a level-3 heading */
    String markdown();

    /** @return how many pool runs in it produced a result (the smoke run's "passed") */
    long passed();
}
