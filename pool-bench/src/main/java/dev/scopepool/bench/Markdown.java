// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.List;
import java.util.Locale;

/** The few Markdown pieces every report section prints the same way. */
final class Markdown {

    private Markdown() {
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A ratio with two decimals, or three below 0.1 so that a small one does not print as 0.00. */
    static String ratio(double value) {
        return number(value, Math.abs(value) < 0.1 ? 3 : 2);
    }

    static void heading(StringBuilder out, String title) {
        out.append("\n### ").append(title).append("\n\n");
    }

    /** A table header: the first column left-aligned, the others right-aligned. */
    static void header(StringBuilder out, String first, List<String> columns) {
        out.append("| ").append(first).append(" |");
        columns.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append("\n|---|");
        columns.forEach(c -> out.append("---:|"));
        out.append('\n');
    }

    static void row(StringBuilder out, String first, List<String> cells) {
        out.append("| ").append(first).append(" |");
        cells.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append('\n');
    }

    /** One target line: met or MISSED, what, and the measured value. */
    static void target(StringBuilder out, boolean met, String what, String measured) {
        out.append("- ").append(met ? "met" : "**MISSED**").append(": ").append(what)
                .append(" (measured ").append(measured).append(")\n");
    }
}
