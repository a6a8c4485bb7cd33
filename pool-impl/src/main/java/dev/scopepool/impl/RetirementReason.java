// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl;

/**
 * Why a resource left the pool. Every destruction names one; the external name is what event
 * records and metric tags carry, so it never changes once published.
 */
enum RetirementReason {
    /** Its borrower declared it broken. */
    INVALIDATED("invalidated"),
    /** It failed its health check. */
    UNHEALTHY("unhealthy"),
    /** It outlived the configured maximum lifetime. */
    MAX_LIFETIME("maxLifetime"),
    /** It stayed idle longer than the configured idle timeout. */
    IDLE_TIMEOUT("idleTimeout"),
    /** It was lent the configured maximum number of times. */
    MAX_USES("maxUses"),
    /** An operator evicted the idle resources. */
    EVICTED("evicted"),
    /** It came back to a pool holding more than its maximum. */
    SURPLUS("surplus"),
    /** Its pool closed. */
    CLOSED("closed"),
    /** A call on it (a health check) hung and was given up. */
    ABANDONED("abandoned");

    private final String externalName;

    RetirementReason(String externalName) {
        this.externalName = externalName;
    }

    /** @return the stable name used outside the engine (events, metric tags) */
    String externalName() {
        return externalName;
    }

    @Override
    public String toString() {
        return externalName;
    }
}
