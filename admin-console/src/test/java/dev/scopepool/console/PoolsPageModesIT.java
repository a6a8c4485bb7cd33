// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scopepool.console.demo.DemoPools;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Pools page in the console's other modes, in headless Chromium: over HTTPS (a self-signed
 * certificate the browser is told to accept), and with {@code --no-auth} on loopback. In each the
 * page loads from the navigation, samples, and runs an action.
 */
class PoolsPageModesIT {

    private static final String PASSWORD = "modes-Passw0rd";
    private static final String STORE_PASSWORD = "modes-store-Passw0rd";

    @TempDir
    Path dir;

    @Test
    void thePageWorksOverHttps() throws Exception {
        Path keystore = TestKeystore.create(dir.resolve("console.p12"), STORE_PASSWORD);
        try (AdminConsole console = AdminConsole.start(ConsoleOptions.parse(new String[] {"--port", "0",
            "--password", PASSWORD, "--tls-keystore", keystore.toString()},
                Map.of(ConsoleOptions.TLS_PASSWORD_ENV, STORE_PASSWORD)))) {
            assertEquals("https", console.url().getScheme());
            walkThrough(console, true, "pools-page-https.png");
        }
    }

    @Test
    void thePageWorksWithoutAuthenticationOnLoopback() throws Exception {
        try (AdminConsole console = AdminConsole.start(ConsoleOptions.parse(new String[] {"--port", "0",
            "--no-auth"}, Map.of()))) {
            walkThrough(console, false, "pools-page-no-auth.png");
        }
    }

    private void walkThrough(AdminConsole console, boolean logIn, String screenshot) throws Exception {
        Path profile = Files.createDirectory(dir.resolve("profile-" + screenshot));
        WebDriver browser = HeadlessChromium.start(profile, true);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(console.url().toString());
            if (logIn) {
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pf-login-username-id")))
                        .sendKeys("admin");
                browser.findElement(By.id("pf-login-password-id")).sendKeys(PASSWORD);
                browser.findElement(By.cssSelector("button[type=submit]")).click();
                wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
            }
            PoolsPageInBrowser page = new PoolsPageInBrowser(browser, wait);
            page.openFromNavigation(DemoPools.NAMES);
            int drawn = page.sparklineSamples(DemoPools.WORKERS, "inUse");
            wait.until(d -> page.sparklineSamples(DemoPools.WORKERS, "inUse") >= drawn + 2);

            ObjectName workers = new ObjectName(JolokiaClient.pool(DemoPools.WORKERS));
            try {
                page.click(DemoPools.WORKERS, "suspend");
                wait.until(d -> "suspended".equals(page.state(DemoPools.WORKERS)));
                assertEquals(true, ManagementFactory.getPlatformMBeanServer().getAttribute(workers, "Suspended"));
            } finally {
                ManagementFactory.getPlatformMBeanServer().invoke(workers, "resume", null, null);
            }
            HeadlessChromium.save(browser, screenshot);
            List<String> problems = page.consoleProblems().stream().filter(m -> m.contains("scopepool")).toList();
            assertTrue(problems.isEmpty(), problems.toString());
        } finally {
            browser.quit();
        }
    }
}
