package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.demo.DemoBehaviour;
import dev.scopepool.console.demo.DemoPools;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's walk through the console in a real headless Chromium (Debian's, driven by
 * Debian's chromedriver; nothing is downloaded): log in, open JMX, pick a scopepool pool,
 * read its attributes, run {@code checkHealth} from the Operations tab and see it succeed,
 * then raise another pool's FailureRate in the attribute editor and see that pool react.
 * Leaves {@code target/hawtio-console.png}, {@code target/hawtio-operations.png} and
 * {@code target/hawtio-failure-rate.png}.
 */
class HawtioBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path TARGET = Path.of("target");
    private static final String PASSWORD = "browser-Passw0rd";
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    static Path profile;

    private static AdminConsole console;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed: run admin-console/install-test-deps.sh");
        console = AdminConsole.start(new ConsoleOptions("127.0.0.1", 0, true, "admin", PASSWORD, false, true, false));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--window-size=1440,1300",
                "--user-data-dir=" + profile.toAbsolutePath());
        // Naming the driver executable keeps Selenium Manager from looking for (or fetching) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
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
    void logInOpenAPoolInJmxReadItsAttributesRunCheckHealthAndBreakAPool() throws Exception {
        try {
            browser.get(console.url().toString());
            logIn();
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
        Files.createDirectories(TARGET);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(TARGET.resolve(file), png);
    }
}
