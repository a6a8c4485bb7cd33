// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The server's JVM as the JDK's own tools see it, independent of any deployment: attached
 * like JConsole attaches to a local process, through the platform MBeanServer (the one the
 * pools register on), its thread MXBean and its diagnostic commands (those of {@code jcmd}).
 */
final class ServerJvm implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection jmx;

    ServerJvm(ProcessHandle jvm) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        jmx = connector.getMBeanServerConnection();
    }

    /** @return every {@code dev.scopepool} MBean registered in the server */
    Set<String> scopepoolMBeans() throws IOException, JMException {
        Set<String> names = new TreeSet<>();
        jmx.queryNames(new ObjectName("dev.scopepool:*"), null).forEach(n -> names.add(n.toString()));
        return names;
    }

    /** @return the names of the live threads that are scopepool's (pool threads and the CDI event thread) */
    List<String> scopepoolThreads() throws IOException {
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(jmx, ManagementFactory.THREAD_MXBEAN_NAME,
                ThreadMXBean.class);
        return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds())).filter(Objects::nonNull)
                .map(ThreadInfo::getThreadName).filter(n -> n.startsWith("scopepool")).sorted().toList();
    }

    /** Runs a full collection, which also unloads the classes of unreachable class loaders. */
    void gc() throws IOException {
        ManagementFactory.newPlatformMXBeanProxy(jmx, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class).gc();
    }

    /** @return bytes of heap in use (right after {@link #gc()}: what is live) */
    long heapUsed() throws IOException {
        return ManagementFactory.newPlatformMXBeanProxy(jmx, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class)
                .getHeapMemoryUsage().getUsed();
    }

    /** @return how many class loaders hold a class of this name: {@code jcmd <pid> VM.classloaders show-classes} */
    int classLoadersWith(String className) throws IOException, JMException {
        String listing = (String) jmx.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "vmClassloaders", new Object[] {new String[] {"show-classes=true"}},
                new String[] {String[].class.getName()});
        return (int) listing.lines().map(String::strip).map(l -> l.replaceFirst("^[|+\\- ]*", ""))
                .filter(className::equals).count();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
