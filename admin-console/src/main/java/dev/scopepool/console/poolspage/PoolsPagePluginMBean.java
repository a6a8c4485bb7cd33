// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console.poolspage;

/**
 * What Hawtio's front end reads from {@code /hawtio/plugin} to load a plugin through Module
 * Federation: where its {@code remoteEntry.js} lies, the name of the container that file
 * defines, and the module of that container whose {@code plugin} function registers the page.
 */
public interface PoolsPagePluginMBean {

    /** @return the folder of {@code remoteEntry.js}, relative to the console's base address */
    String getUrl();

    /** @return the global name under which {@code remoteEntry.js} defines its container */
    String getScope();

    /** @return the container's module that holds the plugin's entry function */
    String getModule();
}
