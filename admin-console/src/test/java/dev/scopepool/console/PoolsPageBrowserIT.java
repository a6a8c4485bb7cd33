// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.scopepool.console.demo.DemoBehaviour;
import dev.scopepool.console.demo.DemoPools;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Pools page in a real headless Chromium, with authentication on and the demo's load
 * running: an operator logs in, opens Pools from Hawtio's navigation, compares each row with
 * JMX, watches the sparklines grow, runs every action, breaks a pool and sees it go red, follows
 * a row's link into JMX, and logs out; the page polls only while it is open. Leaves
 * {@code target/pools-page.png}, the README's picture, and a screenshot after each test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolsPageBrowserIT {

    private static final String PASSWORD = "pools-Passw0rd";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    /** Several of the page's 2 s periods: long enough that a running poll would show. */
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(7);

    @TempDir
    static Path profile;

    private static AdminConsole console;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static PoolsPageInBrowser page;

    @BeforeAll
    static void start() throws Exception {
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {"--port", "0", "--password", PASSWORD},
                Map.of()));
        browser = HeadlessChromium.start(profile, false);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        page = new PoolsPageInBrowser(browser, wait);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    /** Keeps what the browser showed when a test failed. */
    @AfterEach
    void keepEvidence(TestInfo test) throws Exception {
        HeadlessChromium.save(browser, "pools-" + test.getTestMethod().orElseThrow().getName() + ".png");
    }

    @Test
    @Order(1)
    void logInAndOpenPoolsFromTheNavigation() {
        browser.get(console.url().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id"))).sendKeys("admin");
        browser.findElement(By.id("pf-login-password-id")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        page.openFromNavigation(DemoPools.NAMES);
        assertTrue(browser.getCurrentUrl().endsWith("/hawtio/pools"), browser.getCurrentUrl());
        assertEquals(Set.copyOf(DemoPools.NAMES), Set.copyOf(console.poolNames()));
        assertEquals(DemoPools.NAMES.size(), browser.findElements(By.cssSelector("tr[data-pool]")).size(),
                "one row per live pool");
    }

    /**
     * Each row against the pool's MBean read just before and just after a sample the page took
     * in between: settings and state equal, counters between the two reads, gauges within the
     * pool's bounds (the load moves them between any two reads).
     */
    @Test
    @Order(2)
    void eachRowAgreesWithJmx() throws Exception {
        for (String pool : DemoPools.NAMES) {
            ObjectName name = pool(pool);
            Map<String, Object> before = read(name);
            page.awaitSampleAfter(page.samplesTaken());
            String minMax = page.cell(pool, "minMax");
            long timeouts = page.number(pool, "timeouts");
            long rejected = page.number(pool, "rejected");
            long inUse = page.number(pool, "inUse");
            long idle = page.number(pool, "idle");
            long waiting = page.number(pool, "waiting");
            long creating = page.number(pool, "creating");
            String state = page.state(pool);
            String failure = page.cell(pool, "lastHealthCheckFailure");
            Map<String, Object> after = read(name);

            assertEquals(before.get("Min") + " / " + before.get("Max"), minMax, pool);
            assertEquals(after.get("Min") + " / " + after.get("Max"), minMax, pool);
            assertEquals("up", state, pool + " is neither down nor suspended");
            assertBetween(before, after, "Timeouts", timeouts, pool);
            assertBetween(before, after, "Rejected", rejected, pool);
            int max = (Integer) after.get("Max");
            assertTrue(inUse >= 0 && idle >= 0 && inUse + idle <= max, pool + ": in use " + inUse + ", idle " + idle);
            assertTrue(waiting >= 0 && creating >= 0 && creating <= max, pool + ": waiting " + waiting
                    + ", creating " + creating);
            String lastFailure = (String) after.get("LastHealthCheckFailure");
            assertEquals(lastFailure.isEmpty() ? "—" : lastFailure, failure, pool);
        }
    }

    @Test
    @Order(3)
    void theSparklinesGrowAsThePageSamples() {
        for (String series : List.of("inUse", "idle", "waiting")) {
            int drawn = page.sparklineSamples(DemoPools.DATABASE, series);
            wait.until(d -> page.sparklineSamples(DemoPools.DATABASE, series) >= drawn + 2);
        }
        String points = page.rowOf(DemoPools.DATABASE).findElement(By.cssSelector("svg[data-series='inUse'] polyline"))
                .getAttribute("points");
        assertTrue(points.split(" ").length >= 3, "a line of several points: " + points);
    }

    @Test
    @Order(4)
    void suspendAndResumeChangeTheMBean() throws Exception {
        ObjectName http = pool(DemoPools.HTTP);
        try {
            page.click(DemoPools.HTTP, "suspend");
            assertEquals("Suspended", page.noteAfterAction(DemoPools.HTTP, "info"));
            assertEquals(true, JMX.getAttribute(http, "Suspended"));
            wait.until(d -> "suspended".equals(page.state(DemoPools.HTTP)));

            page.click(DemoPools.HTTP, "resume");
            wait.until(d -> "up".equals(page.state(DemoPools.HTTP)));
            assertEquals(false, JMX.getAttribute(http, "Suspended"));
        } finally {
            JMX.invoke(http, "resume", null, null);
        }
    }

    @Test
    @Order(5)
    void evictIdleClosesIdleResources() throws Exception {
        ObjectName http = pool(DemoPools.HTTP);
        long destroyedBefore = destroyed(http);
        long evicted = 0;
        // Under load an idle resource may be lent out between this check and the click: try again then.
        for (int attempt = 1; attempt <= 10 && evicted == 0; attempt++) {
            wait.until(d -> available(http) > 0);
            page.click(DemoPools.HTTP, "evictIdle");
            evicted = count(Pattern.compile("Evicted (\\d+) idle"), page.noteAfterAction(DemoPools.HTTP, "info"));
        }
        assertTrue(evicted > 0, "evictIdle never found an idle resource");
        long expected = destroyedBefore + evicted;
        wait.until(d -> destroyed(http) >= expected);
    }

    /**
     * With the workers suspended (so the load holds none of them) and every health check failing,
     * Check health removes the idle workers: the MBean counts them and names the failure.
     */
    @Test
    @Order(6)
    void checkHealthRemovesResourcesThatFailIt() throws Exception {
        ObjectName workers = pool(DemoPools.WORKERS);
        ObjectName knobs = DemoBehaviour.objectName(DemoPools.WORKERS);
        long unhealthyBefore = ((Number) JMX.getAttribute(workers, "Unhealthy")).longValue();
        try {
            JMX.invoke(workers, "suspend", null, null);
            wait.until(d -> available(workers) > 0);
            JMX.setAttribute(knobs, new Attribute("FailureRate", 1.0));
            page.click(DemoPools.WORKERS, "checkHealth");
            String note = page.noteAfterAction(DemoPools.WORKERS, "info");
            long removed = count(Pattern.compile("Health check removed (\\d+) resource"), note);
            assertTrue(removed > 0, note);
            assertTrue(((Number) JMX.getAttribute(workers, "Unhealthy")).longValue() >= unhealthyBefore + removed, note);
            String failure = (String) JMX.getAttribute(workers, "LastHealthCheckFailure");
            assertFalse(failure.isEmpty(), "the MBean names the failure");
            wait.until(d -> !"—".equals(page.cell(DemoPools.WORKERS, "lastHealthCheckFailure")));
        } finally {
            JMX.setAttribute(knobs, new Attribute("FailureRate", 0.0));
            JMX.invoke(workers, "resume", null, null);
            initialize(workers);
        }
    }

    @Test
    @Order(7)
    void resizeChangesTheBoundsAndABadOneShowsTheServersMessageAndChangesNothing() throws Exception {
        ObjectName http = pool(DemoPools.HTTP);
        try {
            page.resize(DemoPools.HTTP, 1, 4);
            assertEquals("Resized to 1/4", page.noteAfterAction(DemoPools.HTTP, "info"));
            assertEquals(4, JMX.getAttribute(http, "Max"));
            wait.until(d -> "1 / 4".equals(page.cell(DemoPools.HTTP, "minMax")));

            String expected = refusal(http, 5, 1);
            page.resize(DemoPools.HTTP, 5, 1);
            String shown = page.noteAfterAction(DemoPools.HTTP, "danger");
            assertEquals(expected, shown, "the server's own message");
            assertEquals(1, JMX.getAttribute(http, "Min"));
            assertEquals(4, JMX.getAttribute(http, "Max"));
            int samples = page.samplesTaken();
            page.awaitSampleAfter(samples);
            assertEquals("1 / 4", page.cell(DemoPools.HTTP, "minMax"));
            page.click(DemoPools.HTTP, "cancelResize");
        } finally {
            JMX.invoke(http, "resize", new Object[] {1, 3}, new String[] {"int", "int"});
        }
    }

    /** The demo's failure switch: every new connection fails, so the pool goes down and its row turns red. */
    @Test
    @Order(8)
    void aPoolSwitchedToFailingShowsAsDown() throws Exception {
        ObjectName db = pool(DemoPools.DATABASE);
        ObjectName knobs = DemoBehaviour.objectName(DemoPools.DATABASE);
        JMX.setAttribute(knobs, new Attribute("FailureRate", 1.0));
        JMX.invoke(db, "evictIdle", null, null);
        BoundedPoll.await("orders-db goes down", 30, () -> {
            initialize(db);
            return (Boolean) JMX.getAttribute(db, "Down");
        });
        try {
            wait.until(d -> "down".equals(page.state(DemoPools.DATABASE)));
            String background = page.rowOf(DemoPools.DATABASE).findElement(By.cssSelector("td"))
                    .getCssValue("background-color");
            int[] rgb = rgb(background);
            assertTrue(rgb[0] > rgb[1] + 20 && rgb[0] > rgb[2] + 20, "the row is red: " + background);
            assertTrue(page.cell(DemoPools.DATABASE, "state").contains("down"));
            saveReadmePicture();
        } finally {
            JMX.setAttribute(knobs, new Attribute("FailureRate", 0.0));
        }
        BoundedPoll.await("orders-db comes back up", 60, () -> {
            initialize(db);
            return !(Boolean) JMX.getAttribute(db, "Down");
        });
        wait.until(d -> "up".equals(page.state(DemoPools.DATABASE)));
    }

    @Test
    @Order(9)
    void thePluginLoggedNoErrorInTheBrowserConsole() {
        assertEquals(List.of(), pluginProblems());
    }

    /** A row's link opens the pool's MBean in Hawtio's JMX view; leaving the page stops its polling. */
    @Test
    @Order(10)
    void theJmxLinkOpensThePoolsMBeanAndLeavingThePageStopsPolling() {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("a[data-jmx-link='" + DemoPools.DATABASE + "']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//h1[normalize-space(.)='" + DemoPools.DATABASE + "']")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(normalize-space(.),'type=ResourcePool') and contains(normalize-space(.),'name="
                        + DemoPools.DATABASE + "')]")));
        page.assertNoPollFor(QUIET_WINDOW, "after leaving the Pools page");
    }

    @Test
    @Order(11)
    void logoutStopsThePolling() {
        page.openFromNavigation(DemoPools.NAMES);
        int samples = page.samplesTaken();
        page.awaitSampleAfter(samples);
        assertTrue(page.pollsSent() > 0, "the open page polls");

        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "(//*[@id='hawtio-header']//button[contains(@class,'pf-c-dropdown__toggle')])[last()]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'pf-c-dropdown__menu-item') and normalize-space(.)='Log out']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")));
        page.assertNoPollFor(QUIET_WINDOW, "after logging out");
        assertEquals(List.of(), pluginProblems(), "stopping left no error behind");
    }

    /** @return the browser console's warnings and errors (since the last call) that concern the plugin */
    private static List<String> pluginProblems() {
        return page.consoleProblems().stream()
                .filter(m -> m.contains("scopepool") || m.contains("Pools") || m.contains("pool"))
                .toList();
    }

    /** The README's picture, {@code target/pools-page.png}: one pool down, the others busy, a minute of sparklines. */
    private static void saveReadmePicture() throws Exception {
        Dimension size = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(1440, 880));
        try {
            page.awaitSampleAfter(page.samplesTaken());
            HeadlessChromium.save(browser, "pools-page.png");
        } finally {
            browser.manage().window().setSize(size);
        }
        assertTrue(Files.size(HeadlessChromium.TARGET.resolve("pools-page.png")) > 10_000);
    }

    private static ObjectName pool(String name) throws JMException {
        return new ObjectName(JolokiaClient.pool(name));
    }

    private static Map<String, Object> read(ObjectName pool) throws JMException {
        Map<String, Object> values = new java.util.HashMap<>();
        for (String attribute : List.of("Min", "Max", "Timeouts", "Rejected", "LastHealthCheckFailure")) {
            values.put(attribute, JMX.getAttribute(pool, attribute));
        }
        return values;
    }

    private static void assertBetween(Map<String, Object> before, Map<String, Object> after, String attribute,
            long shown, String pool) {
        long low = ((Number) before.get(attribute)).longValue();
        long high = ((Number) after.get(attribute)).longValue();
        assertTrue(low <= shown && shown <= high, pool + " " + attribute + ": page shows " + shown
                + ", JMX read " + low + " before and " + high + " after");
    }

    private static long available(ObjectName pool) {
        try {
            return ((Number) JMX.getAttribute(pool, "Available")).longValue();
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    private static long destroyed(ObjectName pool) {
        try {
            return ((Number) JMX.getAttribute(pool, "Destroyed")).longValue();
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    /** Asks the pool to fill to its minimum; while its creations fail, that fails too, which is expected. */
    private static void initialize(ObjectName pool) {
        try {
            JMX.invoke(pool, "initialize", null, null);
        } catch (JMException | javax.management.JMRuntimeException e) {
            // counted by the pool as a failed creation; Down is what the caller waits for
        }
    }

    private static long count(Pattern pattern, String note) {
        Matcher matcher = pattern.matcher(note);
        if (!matcher.find()) {
            fail("Unexpected note: " + note);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** @return the message the pool gives a JMX client for this resize, which must change nothing */
    private static String refusal(ObjectName pool, int min, int max) throws JMException {
        try {
            JMX.invoke(pool, "resize", new Object[] {min, max}, new String[] {"int", "int"});
        } catch (javax.management.RuntimeMBeanException e) {
            return e.getCause().getMessage();
        } catch (javax.management.MBeanException e) {
            return e.getCause().getMessage();
        }
        throw new AssertionError("resize(" + min + ", " + max + ") was accepted");
    }

    private static int[] rgb(String css) {
        Matcher matcher = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(css);
        assertTrue(matcher.find(), css);
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
            Integer.parseInt(matcher.group(3))};
    }
}
