// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.impl.testkit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A remote JMX client of this JVM's platform MBeanServer, connected as JConsole connects: the
 * JDK's RMI connector, on loopback only. Register as a static extension; it connects before
 * the class's tests and disconnects after them.
 */
public final class RemoteJmx implements BeforeAllCallback, AfterAllCallback {

    private JMXConnectorServer server;
    private JMXConnector connector;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        // The connection stub names a host for the client to call back; keep it on loopback.
        if (System.getProperty("java.rmi.server.hostname") == null) {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
        }
        RMIServerSocketFactory loopbackOnly = port -> new ServerSocket(port, 0, InetAddress.getLoopbackAddress());
        server = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
                Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopbackOnly),
                ManagementFactory.getPlatformMBeanServer());
        server.start();
        connector = JMXConnectorFactory.connect(server.getAddress());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (connector != null) {
            connector.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** @return the remote connection */
    public MBeanServerConnection connection() throws IOException {
        return connector.getMBeanServerConnection();
    }

    /** @return the connector's address, as a client would type it */
    public JMXServiceURL address() {
        return server.getAddress();
    }
}
