// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The external names of retirement reasons are published in events and metric tags: they must not drift. */
class RetirementReasonTest {

    @Test
    void eachReasonKeepsItsPublishedName() {
        Map<RetirementReason, String> names = Arrays.stream(RetirementReason.values())
                .collect(Collectors.toMap(r -> r, RetirementReason::externalName, (a, b) -> a, LinkedHashMap::new));

        Map<RetirementReason, String> expected = new LinkedHashMap<>();
        expected.put(RetirementReason.INVALIDATED, "invalidated");
        expected.put(RetirementReason.UNHEALTHY, "unhealthy");
        expected.put(RetirementReason.MAX_LIFETIME, "maxLifetime");
        expected.put(RetirementReason.IDLE_TIMEOUT, "idleTimeout");
        expected.put(RetirementReason.MAX_USES, "maxUses");
        expected.put(RetirementReason.EVICTED, "evicted");
        expected.put(RetirementReason.SURPLUS, "surplus");
        expected.put(RetirementReason.CLOSED, "closed");
        expected.put(RetirementReason.ABANDONED, "abandoned");
        assertEquals(expected, names);
        assertEquals("maxLifetime", RetirementReason.MAX_LIFETIME.toString(), "messages print the published name");
    }
}
