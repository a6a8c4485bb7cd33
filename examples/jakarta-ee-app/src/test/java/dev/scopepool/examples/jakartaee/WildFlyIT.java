// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

/** The sample on WildFly 39, unpacked from its distribution zip. */
class WildFlyIT extends TwoApplicationsOnAServer {

    @Override
    ServerUnderTest startServer() throws Exception {
        return new WildFly();
    }
}
