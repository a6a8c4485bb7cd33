// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of configured pool settings. Each method throws
 * {@link IllegalArgumentException} saying what was expected; the caller adds the property.
 */
final class SettingText {

    /** A whole number and a unit: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}. */
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private static final Map<String, ChronoUnit> UNITS = Map.of("ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

    static final String DURATION_FORMATS = "ISO-8601 (PT5S) or a whole number with ms, s, m, h or d (500ms, 5s, 2m)";

    private SettingText() {
    }

    static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number (int)", e);
        }
    }

    static Duration duration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (trimmed.startsWith("p")) {
                return Duration.parse(trimmed);
            }
            Matcher matcher = SHORT_DURATION.matcher(trimmed);
            if (matcher.matches()) {
                return Duration.of(Long.parseLong(matcher.group(1)), UNITS.get(matcher.group(2)));
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: use " + DURATION_FORMATS, e);
        }
        throw new IllegalArgumentException("not a duration: use " + DURATION_FORMATS);
    }
}
