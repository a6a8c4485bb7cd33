// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.examples.jakartaee;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.management.jfr.FlightRecorderMXBean;

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

    /**
     * Records JFR in the server (through its {@code FlightRecorderMXBean}, as JDK Mission Control
     * does) until a {@code dev.scopepool.PoolStatistics} event of the pool shows up, or the time
     * runs out.
     *
     * @return the pool names of the statistics events recorded
     */
    Set<String> recordPoolStatistics(String pool, Duration limit, Path scratch) throws Exception {
        FlightRecorderMXBean recorder = JMX.newMXBeanProxy(jmx, new ObjectName("jdk.management.jfr:type=FlightRecorder"),
                FlightRecorderMXBean.class);
        long id = recorder.newRecording();
        Set<String> pools = new TreeSet<>();
        try {
            recorder.setRecordingSettings(id, Map.of("dev.scopepool.PoolStatistics#enabled", "true",
                    "dev.scopepool.PoolStatistics#period", "100 ms"));
            recorder.startRecording(id);
            long deadline = System.nanoTime() + limit.toNanos();
            Path file = scratch.resolve("server-recording.jfr");
            while (!pools.contains(pool) && System.nanoTime() - deadline < 0) {
                TimeUnit.MILLISECONDS.sleep(250); // polling interval of a bounded wait
                recorder.copyTo(id, file.toAbsolutePath().toString()); // written by the server, on this machine
                for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                    if (event.getEventType().getName().equals("dev.scopepool.PoolStatistics")) {
                        pools.add(event.getString("pool"));
                    }
                }
            }
        } finally {
            recorder.closeRecording(id);
        }
        return pools;
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
