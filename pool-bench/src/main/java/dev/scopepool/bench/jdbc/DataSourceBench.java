// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.bench.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * HikariCP's classic pair of JDBC benchmarks on a stub driver, so only the pool is measured: a
 * borrow and hand-back ({@code getConnection()} + {@code close()}) and a statement cycle
 * ({@code getConnection}, {@code createStatement}, {@code execute}, both closed). Each pool holds
 * 32 connections, all open before measuring ({@link JdbcPeer} says how each is configured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DataSourceBench {

    static final int MAX = 32;

    @Param({"SCOPEPOOL", "HIKARICP", "AGROAL", "DBCP2"})
    public String pool;

    private DataSource ds;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        ds = JdbcPeer.of(pool).openFull(MAX);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        JdbcPeer.close(ds);
    }

    @Benchmark
    public Connection cycleConnection() throws SQLException {
        Connection c = ds.getConnection();
        c.close();
        return c;
    }

    @Benchmark
    public Statement cycleStatement() throws SQLException {
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        s.execute("INSERT INTO test (column) VALUES (?)");
        s.close();
        c.close();
        return s;
    }
}
