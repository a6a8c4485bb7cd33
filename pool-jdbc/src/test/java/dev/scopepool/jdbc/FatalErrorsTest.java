// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FatalErrorsTest {

    private final FatalErrors table = new FatalErrors(null);

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "08S01", "57P01", "57P02", "57P03", "01002",
            "JZ0C0", "JZ0C1"})
    void theseStatesBreakTheConnection(String state) {
        assertTrue(table.breaksConnection(new SQLException("x", state)));
    }

    @ParameterizedTest
    @ValueSource(ints = {500150, 2399, 1105})
    void theseVendorCodesBreakTheConnection(int code) {
        assertTrue(table.breaksConnection(new SQLException("x", "HY000", code)));
    }

    @Test
    void timeoutsCancelledStatementsAndConstraintViolationsDoNot() {
        assertFalse(table.breaksConnection(new SQLTimeoutException("x", "08S01")));
        assertFalse(table.breaksConnection(new SQLException("cancelled", "57014")));
        assertFalse(table.breaksConnection(new SQLIntegrityConstraintViolationException("dup", "23505")));
        assertFalse(table.breaksConnection(new SQLException("syntax", "42601")));
        assertFalse(table.breaksConnection(new SQLException("no state")));
    }

    @Test
    void aFatalErrorIsFoundOnTheNextExceptionChainAndAmongCauses() {
        SQLException batch = new SQLException("batch failed", "22000");
        batch.setNextException(new SQLException("second", "42000"));
        batch.getNextException().setNextException(new SQLException("gone", "08006"));
        assertTrue(table.breaksConnection(batch));

        SQLException wrapped = new SQLException("outer", "HY000", new RuntimeException(new SQLException("in", "57P01")));
        assertTrue(table.breaksConnection(wrapped));

        SQLException causeOfNext = new SQLException("outer", "22000");
        causeOfNext.setNextException(new SQLException("next", "22000", new SQLException("io", "08001")));
        assertTrue(table.breaksConnection(causeOfNext));
    }

    @Test
    void aCyclicChainEnds() {
        SQLException a = new SQLException("a", "22000");
        SQLException b = new SQLException("b", "22000");
        a.setNextException(b);
        b.setNextException(a);
        assertFalse(table.breaksConnection(a));
    }

    @Test
    void theUsersRuleAddsErrors() {
        FatalErrors withRule = new FatalErrors(e -> e.getErrorCode() == 90067);
        assertTrue(withRule.breaksConnection(new SQLException("h2 broken", "90067", 90067)));
        assertFalse(withRule.breaksConnection(new SQLException("other", "90068", 90068)));
        assertFalse(table.breaksConnection(new SQLException("h2 broken", "90067", 90067)));
    }
}
