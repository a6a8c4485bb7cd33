// SPDX-License-Identifier: Apache-2.0
package dev.scopepool;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** pool-api's own tests run without pool-impl on the class path: exactly the missing-provider case. */
class ResourcePoolsWithoutImplementationTest {

    @Test
    void aMissingImplementationFailsWithAClearMessage() {
        PoolConfig<Object> config = PoolConfig.builder().create(Object::new).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResourcePools.create(config));
        assertTrue(e.getMessage().contains("pool-impl"), e.getMessage());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> ResourcePools.create(config));
        assertTrue(again.getMessage().contains("No scopepool implementation"), again.getMessage());
    }
}
