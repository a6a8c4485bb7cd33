// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/** Where and with what a comparison ran: the head of the printed report. */
final class RunEnvironment {

    private RunEnvironment() {
    }

    static String markdown(boolean smoke) {
        Properties peers = peerVersions();
        StringBuilder out = new StringBuilder();
        out.append("## scopepool against its peers").append(smoke ? " (SMOKE RUN: numbers mean nothing)" : "")
                .append("\n\n");
        out.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
        out.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        out.append("- CPU: ").append(cpuModel()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores available, load average ")
                .append(Markdown.number(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2))
                .append(" at the start\n");
        out.append("- Peers: Commons Pool2 ").append(peers.getProperty("commons-pool2"))
                .append(", Stormpot ").append(peers.getProperty("stormpot"))
                .append(", HikariCP ").append(peers.getProperty("hikaricp"))
                .append(", Agroal ").append(peers.getProperty("agroal"))
                .append(", Commons DBCP2 ").append(peers.getProperty("dbcp2"))
                .append(", PostgreSQL JDBC ").append(peers.getProperty("postgresql"))
                .append("; JMH ").append(peers.getProperty("jmh")).append('\n');
        out.append("- †: more threads than cores, so a thread can be descheduled while it holds a resource.\n");
        return out.toString();
    }

    private static Properties peerVersions() {
        Properties versions = new Properties();
        try (InputStream in = RunEnvironment.class.getResourceAsStream("peers.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    /** The marketing name, since "Xeon" alone says little; the OS/arch where /proc is not there. */
    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElseThrow();
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getName() + " " + System.getProperty("os.arch");
        }
    }
}
