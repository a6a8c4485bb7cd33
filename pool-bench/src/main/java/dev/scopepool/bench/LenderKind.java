// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.time.Duration;
import java.util.Arrays;

/** Every pool of the hold scenarios, by the name its rows and JMH parameter use. */
enum LenderKind implements MeasuredPool {
    SCOPEPOOL("scopepool", "scopepool"),
    STORMPOT_NEVER("stormpot-never", "Stormpot (never expires)"),
    STORMPOT_DEFAULT("stormpot-default", "Stormpot (default expiration)"),
    HIKARI_BAG("hikari-bag", "HikariCP ConcurrentBag"),
    COMMONS_POOL2("commons-pool2", "Commons Pool2"),
    BLOCKING_QUEUE("array-blocking-queue", "ArrayBlockingQueue");

    /** The JMH parameter value and command-line name. */
    final String key;
    final String label;

    LenderKind(String key, String label) {
        this.key = key;
        this.label = label;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String label() {
        return label;
    }

    static LenderKind of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pool '" + key + "', expected one of "
                        + Arrays.stream(values()).map(k -> k.key).toList()));
    }

    /** A full pool of {@code size} tokens whose borrows give up after {@code timeout}. */
    @Override
    public Lender open(int size, Duration timeout) throws Exception {
        return switch (this) {
            case SCOPEPOOL -> new ScopepoolLender(size, timeout);
            case STORMPOT_NEVER -> new StormpotLender(size, true, timeout);
            case STORMPOT_DEFAULT -> new StormpotLender(size, false, timeout);
            case HIKARI_BAG -> new HikariBagLender(size, timeout);
            case COMMONS_POOL2 -> new CommonsPool2Lender(size, timeout);
            case BLOCKING_QUEUE -> new BlockingQueueLender(size, timeout);
        };
    }

    @Override
    public boolean isScopepool() {
        return this == SCOPEPOOL;
    }
}
