// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.PoolStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's JDBC quick start compiles, runs, and is the code the README shows. */
class ReadmeExampleTest {

    private static final String BEGIN = "// README JDBC example: begin";
    private static final String END = "// README JDBC example: end";

    @Test
    void theQuickStartRuns() throws SQLException {
        int answer;
        ScopepoolDataSource closedLater;
        // README JDBC example: begin
        try (ScopepoolDataSource ds = ScopepoolDataSource.builder()
                .name("orders-jdbc")
                .jdbcUrl("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1").username("sa").password("")
                .min(2).max(10)
                .acquireTimeout(Duration.ofSeconds(5))
                .build()) {
            try (Connection c = ds.getConnection();                 // a proxy: close() hands it back clean
                    PreparedStatement ps = c.prepareStatement("SELECT ?")) {
                ps.setInt(1, 42);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    answer = rs.getInt(1);
                }
            }
            PoolStats stats = ds.pool().stats();                   // the pool behind it, as for any pool
            // README JDBC example: end
            assertEquals(1, stats.released());
            closedLater = ds;
        }
        assertEquals(42, answer);
        assertTrue(closedLater.isClosed());
    }

    @Test
    void theReadmeShowsThisCode() throws IOException {
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/scopepool/jdbc/ReadmeExampleTest.java"));
        String example = source.subList(indexOf(source, BEGIN) + 1, indexOf(source, END)).stream()
                .map(String::strip).collect(Collectors.joining("\n"));
        String readme = Files.readAllLines(Path.of("../README.md")).stream().map(String::strip)
                .collect(Collectors.joining("\n"));
        assertTrue(readme.contains(example), "README.md shows, line by line:\n" + example);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("no line " + marker);
    }
}
