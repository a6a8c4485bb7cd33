// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The server's JMX view of scopepool: every {@code dev.scopepool} MBean on the platform
 * MBeanServer, whichever application registered it, as a console such as Hawtio lists them.
 */
@Path("jmx")
@RequestScoped
public class JmxResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> mbeans() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Object> view = new TreeMap<>();
        for (ObjectName name : server.queryNames(new ObjectName("dev.scopepool:*"), null)) {
            try {
                view.put(name.toString(), describe(server, name));
            } catch (InstanceNotFoundException closedMeanwhile) {
                // A request's pool closed between the query and the read: it is no longer there.
            }
        }
        return view;
    }

    private static Map<String, Object> describe(MBeanServer server, ObjectName name) throws JMException {
        Map<String, Object> shown = new LinkedHashMap<>();
        if ("Pools".equals(name.getKeyProperty("type"))) {
            TabularData table = (TabularData) server.getAttribute(name, "Pools");
            shown.put("pools", table.values().stream()
                    .map(row -> (String) ((CompositeData) row).get("name")).sorted().toList());
        } else {
            for (String attribute : new String[] {"Name", "Max", "Total", "Acquired"}) {
                shown.put(attribute, server.getAttribute(name, attribute));
            }
        }
        return shown;
    }
}
