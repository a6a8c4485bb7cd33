// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.poolspage;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers the Pools page with Hawtio: an MBean named {@code hawtio:type=plugin,name=…}, which
 * Hawtio's {@code /hawtio/plugin} lists and its front end then loads from {@link #FOLDER}
 * (served by {@link PoolsPageFiles}). Registered before Hawtio starts, unregistered by
 * {@link #close()}; one console per JVM, so one registration at a time.
 */
public final class PoolsPagePlugin implements PoolsPagePluginMBean, AutoCloseable {

    /** The MBean Hawtio finds the plugin by. */
    public static final String OBJECT_NAME = "hawtio:type=plugin,name=scopepool-pools";
    /** Where the plugin's files are served, under the console's context path. */
    public static final String FOLDER = "scopepool-plugin";
    /** The container's global name; {@code remoteEntry.js} defines {@code window[SCOPE]}. */
    public static final String SCOPE = "scopepoolPools";
    /** The container's only module. */
    public static final String MODULE = "./plugin";

    private final MBeanServer server;
    private final ObjectName name;

    private PoolsPagePlugin(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /**
     * @return the registration, in force until closed
     * @throws JMException if the MBean cannot be registered (another one holds the name)
     */
    public static PoolsPagePlugin register() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(OBJECT_NAME);
        PoolsPagePlugin plugin = new PoolsPagePlugin(server, name);
        server.registerMBean(plugin, name);
        return plugin;
    }

    @Override
    public String getUrl() {
        return FOLDER;
    }

    @Override
    public String getScope() {
        return SCOPE;
    }

    @Override
    public String getModule() {
        return MODULE;
    }

    @Override
    public void close() throws JMException {
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }
}
