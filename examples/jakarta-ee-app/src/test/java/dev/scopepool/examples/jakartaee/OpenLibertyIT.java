// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

/** The sample on Open Liberty 26.0.0.3, unpacked from its runtime zip. */
class OpenLibertyIT extends TwoApplicationsOnAServer {

    @Override
    ServerUnderTest startServer() throws Exception {
        return new OpenLiberty();
    }
}
