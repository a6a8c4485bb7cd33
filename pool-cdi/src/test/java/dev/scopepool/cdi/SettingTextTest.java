// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTextTest {

    @ParameterizedTest
    @CsvSource({"PT5S, 5000", "pt0.5s, 500", "P1D, 86400000", "500ms, 500", "5s, 5000", "2m, 120000",
        "1h, 3600000", "1d, 86400000", "' 7s ', 7000", "0s, 0", "5S, 5000"})
    void readsIsoAndShortDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), SettingText.duration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5 s", "five", "-5s", "5sec", "1.5s", "PT", "", "99999999999999999999d"})
    void rejectsAnythingElseNamingTheFormats(String text) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> SettingText.duration(text));
        assertEquals("not a duration: use " + SettingText.DURATION_FORMATS, failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "1.0", "", "2147483648"})
    void rejectsWhatIsNotAnInt(String text) {
        assertThrows(IllegalArgumentException.class, () -> SettingText.integer(text));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "' 12 ', 12", "-3, -3"})
    void readsInts(String text, int value) {
        assertEquals(value, SettingText.integer(text));
    }
}
