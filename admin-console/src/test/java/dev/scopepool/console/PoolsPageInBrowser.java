// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Pools page as a test drives it in the browser: its rows and cells (by the
 * {@code data-pool}, {@code data-column} and {@code data-action} attributes the page renders),
 * and what the browser logged about it. Every wait is bounded by {@code wait}'s timeout.
 */
final class PoolsPageInBrowser {

    /** What the page's poll sends: one read of every pool's MBean. */
    static final String POLL_MARKER = "dev.scopepool:type=ResourcePool,name=*";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebDriver browser;
    private final WebDriverWait wait;

    PoolsPageInBrowser(WebDriver browser, WebDriverWait wait) {
        this.browser = browser;
        this.wait = wait;
    }

    /** Clicks Pools in Hawtio's navigation and waits for a row of each named pool. */
    void openFromNavigation(List<String> pools) {
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//a[contains(@class,'pf-c-nav__link') and normalize-space(.)='Pools']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[normalize-space(.)='Pools']")));
        for (String pool : pools) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(row(pool)));
        }
    }

    static By row(String pool) {
        return By.cssSelector("tr[data-pool='" + pool + "']");
    }

    WebElement rowOf(String pool) {
        return browser.findElement(row(pool));
    }

    String cell(String pool, String column) {
        return rowOf(pool).findElement(By.cssSelector("td[data-column='" + column + "']")).getText().strip();
    }

    long number(String pool, String column) {
        return Long.parseLong(cell(pool, column));
    }

    String state(String pool) {
        return rowOf(pool).getAttribute("data-state");
    }

    /** @return how many samples the page has taken since it opened */
    int samplesTaken() {
        return Integer.parseInt(browser.findElement(By.cssSelector("div.scopepool-pools")).getAttribute("data-samples"));
    }

    /** Waits until the page has taken a sample after the given count. */
    void awaitSampleAfter(int count) {
        wait.until(d -> samplesTaken() > count);
    }

    /** @return how many samples the pool's sparkline of this series draws */
    int sparklineSamples(String pool, String series) {
        return Integer.parseInt(rowOf(pool).findElement(By.cssSelector("svg[data-series='" + series + "']"))
                .getAttribute("data-samples"));
    }

    void click(String pool, String action) {
        wait.until(ExpectedConditions.elementToBeClickable(rowOf(pool).findElement(
                By.cssSelector("button[data-action='" + action + "']")))).click();
    }

    /** @return the text of the note the pool's last action left, once it shows */
    String noteAfterAction(String pool, String kind) {
        return wait.until(d -> {
            List<WebElement> notes = rowOf(pool).findElements(By.cssSelector("[data-note='" + kind + "']"));
            return notes.isEmpty() ? null : notes.get(0).getText();
        });
    }

    /** Opens the resize form, types min and max and applies them. */
    void resize(String pool, long min, long max) {
        click(pool, "resize");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("form[data-resize='" + pool + "']")));
        type(form.findElement(By.name("min")), min);
        type(form.findElement(By.name("max")), max);
        form.findElement(By.cssSelector("button[data-action='applyResize']")).click();
    }

    /** Replaces the field's text as a user does: clear() would bypass React, which keeps its own value. */
    private static void type(WebElement input, long value) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Long.toString(value));
    }

    /** @return the browser console's errors and warnings so far (the log is drained) */
    List<String> consoleProblems() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .collect(Collectors.toList());
    }

    /** @return how many of the page's polls the browser sent since the last call (the log is drained) */
    int pollsSent() {
        int polls = 0;
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if ("Network.requestWillBeSent".equals(message.path("method").asText())
                        && message.path("params").path("request").path("postData").asText("").contains(POLL_MARKER)) {
                    polls++;
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("Unreadable performance log entry: " + entry.getMessage(), e);
            }
        }
        return polls;
    }

    /**
     * Watches the browser's network for a few sampling periods and fails at the first poll seen.
     *
     * @param window how long to watch; several times the page's 2 s period
     */
    void assertNoPollFor(Duration window, String why) {
        pollsSent();
        long deadline = System.nanoTime() + window.toNanos();
        WebDriverWait watch = new WebDriverWait(browser, window.plusSeconds(5), Duration.ofMillis(250));
        watch.until(d -> {
            int polls = pollsSent();
            if (polls > 0) {
                throw new AssertionError(polls + " poll(s) of the pools were sent " + why);
            }
            return System.nanoTime() >= deadline;
        });
    }
}
