// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.List;
import java.util.Locale;

/** The few Markdown pieces every report section prints the same way. */
final class Markdown {

    private static final double NANOS_PER_MICRO = 1_000.0;

    private Markdown() {
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A JMH score with two decimals: the mean ± its 99.9% half-width (the mean alone when that is NaN). */
    static String score(double mean, double error) {
        return Double.isNaN(error) ? number(mean, 2) : number(mean, 2) + " ± " + number(error, 2);
    }

    /** {@link #score}, then (in brackets) the best iteration. */
    static String scoreAndBest(double mean, double error, double best) {
        return score(mean, error) + " (" + number(best, 2) + ")";
    }

    /** Nanoseconds as microseconds: two decimals below 10 µs, none above. */
    static String micros(double nanos) {
        return number(nanos / NANOS_PER_MICRO, nanos < 10 * NANOS_PER_MICRO ? 2 : 0);
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
