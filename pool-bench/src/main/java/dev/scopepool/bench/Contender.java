// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.util.Objects;
import org.openjdk.jmh.infra.BenchmarkParams;

/** One row of the uncontended comparison: which benchmark method, with which parameters, measures what. */
enum Contender {
    SCOPEPOOL("ScopepoolBench.acquireRelease", null, "scopepool"),
    SCOPEPOOL_EXECUTE("ScopepoolBench.execute", null, "scopepool (execute)"),
    FLOOR_CAS_STORE("FloorBench.casAndStore", null, "floor: CAS + ordered store"),
    FLOOR_TWO_CAS("FloorBench.twoCas", null, "floor: two CASes"),
    STORMPOT_NEVER("StormpotBench.claimRelease", "never", "Stormpot (never expires)"),
    STORMPOT_DEFAULT("StormpotBench.claimRelease", "default", "Stormpot (default expiration)"),
    HIKARI_BAG("HikariBagBench.borrowRequite", null, "HikariCP ConcurrentBag"),
    COMMONS_POOL2("CommonsPool2Bench.borrowReturn", null, "Commons Pool2"),
    BLOCKING_QUEUE("BlockingQueueBench.pollOffer", null, "ArrayBlockingQueue");

    private final String method;
    private final String expiration;
    final String label;

    Contender(String method, String expiration, String label) {
        this.method = method;
        this.expiration = expiration;
        this.label = label;
    }

    /** Fails on a benchmark this table does not know, so a new one cannot silently go unreported. */
    static Contender of(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        String expiration = params.getParamsKeys().contains("expiration") ? params.getParam("expiration") : null;
        for (Contender contender : values()) {
            if (contender.method.equals(method) && Objects.equals(contender.expiration, expiration)) {
                return contender;
            }
        }
        throw new IllegalStateException("No table row for benchmark " + benchmark + " expiration=" + expiration);
    }

    boolean isScopepool() {
        return this == SCOPEPOOL || this == SCOPEPOOL_EXECUTE;
    }

    boolean isFloor() {
        return this == FLOOR_CAS_STORE || this == FLOOR_TWO_CAS;
    }

    /**
     * Whether scopepool must at least match this row: every peer but Stormpot without expiry
     * (whose unfenced, unchecked release is the one-CAS floor's, which scopepool's contract rules
     * out). Floors have targets of their own.
     */
    boolean mustBeMatched() {
        return !isScopepool() && !isFloor() && this != STORMPOT_NEVER;
    }
}
