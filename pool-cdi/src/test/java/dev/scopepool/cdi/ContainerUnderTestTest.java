// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Guards the build's split: each Surefire execution really runs on the container it names. */
class ContainerUnderTestTest {

    @Test
    void theClassPathHoldsExactlyTheContainerThisRunIsFor() {
        String expected = System.getProperty("scopepool.test.cdi");
        assertNotNull(expected, "the build names the container of each test run in scopepool.test.cdi");
        // newInstance() fails when it finds more than one implementation, so this also proves the other is gone.
        assertEquals(expected.toUpperCase(Locale.ROOT), CdiImplementation.current().name());
    }
}
