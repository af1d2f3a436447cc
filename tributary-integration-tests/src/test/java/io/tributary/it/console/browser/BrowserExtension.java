package io.tributary.it.console.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium for a test class, driven through Debian's chromedriver. The class is skipped, with a message
 * saying what to install, when chromium or chromedriver is missing: Selenium Manager is never asked to download one.
 *
 * <pre>
 * &#64;RegisterExtension &#64;Order(1)
 * static final BrowserExtension browser = new BrowserExtension();
 * </pre>
 * Register it before the broker's extension so that a machine without a browser starts no broker.
 */
public final class BrowserExtension implements BeforeAllCallback, AfterAllCallback {

    /** Where Debian's {@code chromium} and {@code chromium-driver} packages put them; overridable for other systems. */
    public static final String CHROMIUM = System.getProperty("tributary.it.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("tributary.it.chromedriver", "/usr/bin/chromedriver");
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    private ChromeDriverService service;
    private ChromeDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            String message = "Skipped " + context.getDisplayName() + ": the console's browser tests need headless "
                    + "Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)";
            System.err.println(message); // Surefire does not print why a whole class was skipped
            Assumptions.abort(message);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US", "--no-first-run",
                "--disable-extensions", "--disable-background-networking");
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The console of the broker whose HTTP endpoint listens on this port, in this class's browser. */
    public Console console(int httpPort) {
        return new Console(driver, "http://127.0.0.1:" + httpPort + "/console/");
    }
}
