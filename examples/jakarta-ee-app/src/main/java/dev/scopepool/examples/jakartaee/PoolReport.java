// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import dev.scopepool.ResourcePool;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/** What a resource answers about the pool it used: its name, settings, counters and MBean. */
final class PoolReport {

    private PoolReport() {
    }

    static Map<String, Object> of(ResourcePool<Channel> pool, String sent) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pool", pool.name());
        report.put("sent", sent);
        report.put("max", pool.config().max());
        report.put("acquireTimeoutMillis", pool.config().acquireTimeout().toMillis());
        report.put("acquired", pool.stats().acquired());
        report.put("mbeans", mbeansOf(pool.name()));
        return report;
    }

    /** The pool's MBean as the server's JMX shows it (with this application's key, on a server). */
    private static List<String> mbeansOf(String poolName) {
        try {
            return ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new ObjectName("dev.scopepool:type=ResourcePool,name=" + poolName + ",*"), null)
                    .stream().map(ObjectName::toString).sorted().toList();
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read JMX", e);
        }
    }
}
