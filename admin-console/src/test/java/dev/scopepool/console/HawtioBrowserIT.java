// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import dev.scopepool.PoolsMBean;
import dev.scopepool.console.demo.DemoBehaviour;
import dev.scopepool.console.demo.DemoPools;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's, driven by Debian's chromedriver; nothing
 * is downloaded). A person's walk: log in, open JMX, pick a scopepool pool, read its
 * attributes, run {@code checkHealth} from the Operations tab and see it succeed, then raise
 * another pool's FailureRate in the attribute editor and see that pool react. An attacker's
 * page on another loopback port then tries to drive Jolokia with the admin's session and
 * fails; finally logging out ends the session. Leaves {@code target/hawtio-console.png},
 * {@code target/hawtio-operations.png} and {@code target/hawtio-failure-rate.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HawtioBrowserIT {

    private static final Path TARGET = HeadlessChromium.TARGET;
    private static final String PASSWORD = "browser-Passw0rd";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    static Path profile;

    private static AdminConsole console;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        console = AdminConsole.start(ConsoleOptions.parse(new String[] {"--port", "0", "--password", PASSWORD},
                Map.of()));
        browser = HeadlessChromium.start(profile, false);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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

    @Test
    @Order(1)
    void logInOpenAPoolInJmxReadItsAttributesRunCheckHealthAndBreakAPool() throws Exception {
        try {
            logInIfAsked();
            browser.get(console.url().resolve("jmx").toString());
            openPool(DemoPools.DATABASE);
            readAttributes();
            save("hawtio-console.png");
            runCheckHealth();
            save("hawtio-operations.png");
            breakWorkersFromHawtio();
        } catch (Exception | AssertionError e) {
            save("hawtio-failure.png");
            Files.writeString(TARGET.resolve("hawtio-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    /**
     * The all-pools overview, {@code dev.scopepool:type=Pools}: a leaf of the JMX tree whose
     * {@code Pools} table has one row per demo pool, and whose {@code checkHealthAll} runs
     * from the Operations tab through the console's Jolokia policy.
     */
    @Test
    @Order(2)
    void theOverviewShowsEveryDemoPoolsRowAndChecksThemAll() throws Exception {
        try {
            logInIfAsked();
            expandTreeNode("dev.scopepool");
            wait.until(ExpectedConditions.elementToBeClickable(treeNode("Pools"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[normalize-space(.)='" + PoolsMBean.OBJECT_NAME + "']")));
            clickTab("Attributes");
            WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//td[normalize-space(.)='Pools']/following-sibling::td[1]")));
            for (String pool : DemoPools.NAMES) {
                wait.until(d -> table.getText().contains(pool));
            }
            assertTrue(table.getText().contains("total"), "the rows carry the statistics: " + table.getText());
            save("hawtio-overview.png");

            clickTab("Operations");
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//li[@aria-labelledby='operation checkHealthAll()']//button[@aria-label='Details']"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//section[@id='operation-execute-checkHealthAll()']//button[normalize-space(.)='Execute']")))
                    .click();
            WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//section[@id='operation-result-checkHealthAll()']//pre")));
            assertTrue(result.getText().strip().matches("\\d+"), "checkHealthAll returned: " + result.getText());
        } catch (Exception | AssertionError e) {
            save("hawtio-overview-failure.png");
            Files.writeString(TARGET.resolve("hawtio-overview-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    /**
     * A page of another origin (another port of 127.0.0.1: same site, so even a
     * {@code SameSite=Strict} cookie goes along) tries, with the admin logged in, a credentialed
     * {@code fetch}, a form POST and a JSONP script tag. None reaches a pool; the console's own
     * page still works.
     */
    @Test
    @Order(3)
    void aPageOnAnotherLoopbackPortCannotDriveJolokiaWithTheAdminsSession() throws Exception {
        logInIfAsked();
        HttpServer attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = attackPage(console.url().resolve("jolokia/").toString()).getBytes(StandardCharsets.UTF_8);
        attacker.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        try {
            browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/attack.html");
            String results = wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-done"));

            for (String pool : DemoPools.NAMES) {
                assertFalse((Boolean) attribute(new ObjectName(JolokiaClient.pool(pool)), "Suspended"),
                        pool + " was suspended by the foreign page; its results: " + results);
            }
            assertTrue(results.contains("\"fetch\":\"blocked"), results);
            assertTrue(results.contains("\"jsonp\":\"error\""), "the JSONP script got no data: " + results);
            assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.leaked;"));
        } finally {
            attacker.stop(0);
        }

        browser.get(console.url().toString());
        Map<?, ?> own = ownJolokia("{\"type\":\"read\",\"mbean\":\"" + JolokiaClient.pool(DemoPools.DATABASE)
                + "\",\"attribute\":\"Total\"}");
        assertEquals(200L, own.get("status"), "the console's own page still reads the pools: " + own);
    }

    /** Hawtio's logout (the UI goes to {@code auth/logout}) ends the session: the API refuses after it. */
    @Test
    @Order(4)
    void logoutEndsTheSessionAndTheApiRefusesAfterwards() throws Exception {
        logInIfAsked();
        assertEquals(200L, ownJolokia("{\"type\":\"version\"}").get("status"), "logged in before");

        browser.get(console.url().resolve("auth/logout").toString());

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")));
        Map<?, ?> after = ownJolokia("{\"type\":\"version\"}");
        long status = (Long) after.get("status");
        assertTrue(status == 401 || status == 403, "after logout the API refuses: " + after);
        assertFalse(String.valueOf(after.get("body")).contains("agent"), after.toString());
    }

    /** @return HTTP status and body of a same-origin POST to Jolokia from the console's page */
    private static Map<?, ?> ownJolokia(String request) {
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('%s', {method: 'POST', credentials: 'same-origin',
                        headers: {'Content-Type': 'application/json'}, body: arguments[0]})
                    .then(r => r.text().then(t => {
                        let status = r.status;
                        try { const json = JSON.parse(t); if (r.status === 200) status = json.status; } catch (e) { }
                        done({status: status, body: t});
                    }), e => done({status: -1, body: String(e)}));
                """.formatted(console.url().resolve("jolokia/")), request);
        return (Map<?, ?>) answer;
    }

    /** The attacker's page: three ways to make the admin's browser call Jolokia, each reported in the DOM. */
    private static String attackPage(String jolokia) {
        String suspend = "{\"type\":\"exec\",\"mbean\":\"dev.scopepool:type=ResourcePool,name=%s\","
                + "\"operation\":\"suspend\"";
        return """
                <!doctype html>
                <html><head><title>cute cats</title></head><body>
                <form id="form" method="POST" enctype="text/plain" target="sink" action="%1$s">
                  <input type="hidden" name='%3$s,"pad":"' value='"}'>
                </form>
                <script>
                  const results = {};
                  function report(kind, what) {
                    results[kind] = what;
                    if (Object.keys(results).length === 3) {
                      document.body.setAttribute('data-done', JSON.stringify(results));
                    }
                  }
                  window.leak = data => { window.leaked = data; };
                  fetch('%1$s', {method: 'POST', credentials: 'include', headers: {'Content-Type': 'text/plain'},
                                 body: '%2$s}'})
                    .then(r => r.text().then(t => report('fetch', 'read ' + r.status + ' ' + t)),
                          e => report('fetch', 'blocked ' + e));
                  const sink = document.createElement('iframe');
                  sink.name = 'sink';
                  document.body.appendChild(sink);
                  sink.onload = () => report('form', 'submitted');
                  document.getElementById('form').submit();
                  const script = document.createElement('script');
                  script.src = '%1$sexec/dev.scopepool:type=ResourcePool,name=report-workers/suspend()?callback=leak';
                  script.onload = () => report('jsonp', 'loaded ' + JSON.stringify(window.leaked));
                  script.onerror = () => report('jsonp', 'error');
                  document.head.appendChild(script);
                </script>
                </body></html>
                """.formatted(jolokia, suspend.formatted("orders-db"), suspend.formatted("catalog-http"));
    }

    private void logInIfAsked() {
        browser.get(console.url().resolve("jmx").toString());
        wait.until(d -> !d.findElements(By.id("pf-login-username-id")).isEmpty()
                || !d.findElements(By.xpath(treeNodeXpath("dev.scopepool"))).isEmpty());
        if (!browser.findElements(By.id("pf-login-username-id")).isEmpty()) {
            logIn();
        }
    }

    private void logIn() {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")));
        user.sendKeys("admin");
        browser.findElement(By.id("pf-login-password-id")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private void openPool(String name) {
        expandTreeNode("dev.scopepool");
        expandTreeNode("ResourcePool");
        wait.until(ExpectedConditions.elementToBeClickable(treeNode(name))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//h1[normalize-space(.)='" + name + "']")));
    }

    /** Selecting a folder's label does not open it in Hawtio 4; its toggle does. */
    private void expandTreeNode(String text) {
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(treeNodeXpath(text)
                + "/preceding-sibling::button[contains(@class,'tree-view__node-toggle')]"))).click();
    }

    private static By treeNode(String text) {
        return By.xpath(treeNodeXpath(text));
    }

    private static String treeNodeXpath(String text) {
        return "//button[contains(@class,'tree-view__node-text') and normalize-space(.)='" + text + "']";
    }

    private void readAttributes() {
        clickTab("Attributes");
        for (String attribute : List.of("Total", "InUse", "Available", "Max")) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//td[normalize-space(.)='" + attribute + "']")));
        }
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//td[normalize-space(.)='Name']/following-sibling::td[1]")));
        assertTrue(name.getText().contains(DemoPools.DATABASE), name.getText());
    }

    private void runCheckHealth() {
        clickTab("Operations");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//li[@aria-labelledby='operation checkHealth()']//button[@aria-label='Details']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//section[@id='operation-execute-checkHealth()']//button[normalize-space(.)='Execute']"))).click();
        // Hawtio shows what the operation returned: for checkHealth, how many resources it removed.
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//section[@id='operation-result-checkHealth()']//pre")));
        assertTrue(result.getText().strip().matches("\\d+"), "checkHealth returned: " + result.getText());
    }

    /**
     * What the demo is for: raise a pool's FailureRate from Hawtio's attribute editor and
     * see the pool react (failed uses invalidated, health checks failing).
     */
    private void breakWorkersFromHawtio() throws Exception {
        ObjectName knobs = DemoBehaviour.objectName(DemoPools.WORKERS);
        ObjectName workers = new ObjectName(JolokiaClient.pool(DemoPools.WORKERS));
        long troubleBefore = trouble(workers);
        try {
            expandTreeNode("DemoBehaviour");
            // The first node of that name is the DemoBehaviour one: that folder sorts first.
            wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "(" + treeNodeXpath(DemoPools.WORKERS) + ")[1]"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                    "//*[normalize-space(.)='dev.scopepool:type=DemoBehaviour,name=" + DemoPools.WORKERS + "']")));
            clickTab("Attributes");
            wait.until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//td[normalize-space(.)='FailureRate']"))).click();
            WebElement value = wait.until(ExpectedConditions.elementToBeClickable(By.id("attribute-form-value")));
            value.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1");
            browser.findElement(By.xpath("//button[normalize-space(.)='Save']")).click();

            wait.until(d -> ((Double) attribute(knobs, "FailureRate")) == 1.0);
            wait.until(d -> trouble(workers) > troubleBefore);
            save("hawtio-failure-rate.png");
        } finally {
            JMX.setAttribute(knobs, new Attribute("FailureRate", 0.0));
        }
    }

    /** @return how often the pool has met a broken resource: invalidated, unhealthy or not created */
    private static long trouble(ObjectName pool) {
        return ((Number) attribute(pool, "Invalidated")).longValue()
                + ((Number) attribute(pool, "Unhealthy")).longValue()
                + ((Number) attribute(pool, "CreateFailures")).longValue();
    }

    private static Object attribute(ObjectName name, String attribute) {
        try {
            return JMX.getAttribute(name, attribute);
        } catch (JMException e) {
            throw new AssertionError(e);
        }
    }

    private void clickTab(String title) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//a[contains(@class,'nav__link') and normalize-space(.)='" + title + "']"))).click();
    }

    private static void save(String file) throws IOException {
        HeadlessChromium.save(browser, file);
    }
}
