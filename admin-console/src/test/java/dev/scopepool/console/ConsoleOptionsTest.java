// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleOptionsTest {

    private static ConsoleOptions parse(String... args) {
        return ConsoleOptions.parse(args, Map.of());
    }

    @Test
    void defaultsAreLoopbackWithAuthenticationAndAGeneratedPassword() {
        ConsoleOptions options = parse();

        assertEquals("127.0.0.1", options.host());
        assertEquals(8080, options.port());
        assertTrue(options.authentication());
        assertEquals("admin", options.user());
        assertTrue(options.passwordGenerated());
        assertTrue(options.password().reveal().length >= 20);
        assertTrue(options.load());
    }

    @Test
    void generatedPasswordsDiffer() {
        assertNotEquals(new String(parse().password().reveal()), new String(parse().password().reveal()));
    }

    @Test
    void commandLineCredentialsWinOverEnvironment() {
        Map<String, String> env = Map.of(ConsoleOptions.USER_ENV, "ops", ConsoleOptions.PASSWORD_ENV, "from-env");

        ConsoleOptions fromEnv = ConsoleOptions.parse(new String[0], env);
        ConsoleOptions fromArgs = ConsoleOptions.parse(new String[] {"--user", "root", "--password=s3cret"}, env);

        assertEquals("ops", fromEnv.user());
        assertEquals("from-env", new String(fromEnv.password().reveal()));
        assertFalse(fromEnv.passwordGenerated());
        assertEquals("root", fromArgs.user());
        assertEquals("s3cret", new String(fromArgs.password().reveal()));
    }

    @Test
    void readsPortHostAndSwitches() {
        ConsoleOptions options = parse("--port", "0", "--host", "localhost", "--no-load", "--no-auth");

        assertEquals(0, options.port());
        assertEquals("localhost", options.host());
        assertFalse(options.load());
        assertFalse(options.authentication());
    }

    @Test
    void refusesNoAuthOnANonLoopbackAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--no-auth", "--host", "0.0.0.0"));

        assertTrue(e.getMessage().contains("without authentication"), e.getMessage());
        assertTrue(e.getMessage().contains("0.0.0.0"), e.getMessage());
    }

    @Test
    void refusesPlainHttpBeyondLoopbackUnlessExplicitlyAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--host", "0.0.0.0"));
        assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
        assertTrue(e.getMessage().contains("--tls-keystore"), e.getMessage());

        ConsoleOptions allowed = parse("--host", "0.0.0.0", "--allow-plain-http");
        assertEquals("0.0.0.0", allowed.host());
        assertTrue(allowed.allowPlainHttp());
        assertEquals(null, allowed.tls());
    }

    @Test
    void tlsNeedsBothAKeystoreAndItsPassword(@TempDir Path dir) throws Exception {
        Path store = Files.createFile(dir.resolve("console.p12"));

        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--tls-keystore", store.toString()))
                .getMessage().contains("--tls-password"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--tls-password", "x"))
                .getMessage().contains("--tls-keystore"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--tls-keystore", dir.resolve("missing.p12").toString(), "--tls-password", "x"))
                .getMessage().contains("missing.p12"));

        ConsoleOptions fromEnv = ConsoleOptions.parse(new String[] {"--host", "0.0.0.0"}, Map.of(
                ConsoleOptions.TLS_KEYSTORE_ENV, store.toString(), ConsoleOptions.TLS_PASSWORD_ENV, "env-pw"));
        assertEquals(store, fromEnv.tls().path());
        assertEquals("env-pw", new String(fromEnv.tls().password().reveal()));
        assertFalse(fromEnv.toString().contains("env-pw"), fromEnv.toString());
    }

    @Test
    void jvmOperationsAreRefusedUnlessExplicitlyAllowed() {
        assertFalse(parse().allowJvmOperations());
        assertTrue(parse("--allow-jvm-operations").allowJvmOperations());
    }

    @Test
    void readsRepeatedAllowedHostsAndRefusesAnEmptyOne() {
        assertEquals(List.of("console.example.org", "ops"),
                parse("--allowed-host", "console.example.org", "--allowed-host=ops").allowedHosts());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--allowed-host="))
                .getMessage().contains("--allowed-host"));
    }

    @Test
    void refusesAnEmptyHostWithAMessageSayingWhatToGive() {
        for (String[] args : new String[][] {{"--host="}, {"--host=", "--no-auth"}, {"--host", " "}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(args));
            assertTrue(e.getMessage().contains("--host must not be empty"), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void refusesNoAuthWithCredentials() {
        assertThrows(IllegalArgumentException.class, () -> parse("--no-auth", "--password", "x"));
    }

    @Test
    void refusesUnknownOptionsMissingValuesAndBadPorts() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--verbose"))
                .getMessage().contains("--verbose"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--port"))
                .getMessage().contains("needs a value"));
        assertThrows(IllegalArgumentException.class, () -> parse("--port", "http"));
        assertThrows(IllegalArgumentException.class, () -> parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> parse("--password", ""));
    }

    @Test
    void helpNeedsNothingElse() {
        assertTrue(parse("--help").help());
        assertTrue(ConsoleOptions.USAGE.contains("--no-auth"));
    }

    @Test
    void toStringHidesThePassword() {
        assertFalse(parse("--password", "hunter2").toString().contains("hunter2"));
    }

    @Test
    void readsAConfigFileAndRefusesOneThatCannotBeRead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pools.properties"), "scopepool.orders-db.max=6\n");

        assertEquals(file, parse("--config", file.toString()).config());
        assertEquals(null, parse().config());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> parse("--config", dir.resolve("absent.properties").toString()));
        assertTrue(missing.getMessage().contains("--config") && missing.getMessage().contains("absent.properties"),
                missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--config", dir.toString()), "a directory");
    }

    @Test
    void fleetBudgetNeedsZooKeeperAndAPositiveLimit() {
        ConsoleOptions embedded = parse("--zookeeper", "embedded");
        assertEquals("embedded", embedded.zookeeper());
        assertEquals(ConsoleOptions.DEFAULT_FLEET_MAX, embedded.fleetMax());
        assertEquals(7, parse("--zookeeper=zk1:2181,zk2:2181", "--fleet-max", "7").fleetMax());
        assertEquals(null, parse().zookeeper());

        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--fleet-max", "5"))
                .getMessage().contains("--zookeeper"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--zookeeper", "embedded", "--fleet-max", "0")).getMessage().contains("--fleet-max"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> parse("--zookeeper", "embedded", "--fleet-max", "many")).getMessage().contains("many"));
        assertThrows(IllegalArgumentException.class, () -> parse("--zookeeper", " "));
    }
}
