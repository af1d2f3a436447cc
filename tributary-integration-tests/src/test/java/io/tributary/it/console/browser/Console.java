package io.tributary.it.console.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console as a test sees it: pages opened by their hash route, elements found by their {@code data-testid}
 * (the list is at the top of the console's app.js), and waits that end as soon as the page shows what is expected.
 */
public final class Console {

    /** Set to true to write each page's screenshot to docs/images/console-PAGE.png (the docs' pictures). */
    public static final String SCREENSHOTS_PROPERTY = "tributary.console.screenshots";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final String url;

    Console(WebDriver driver, String url) {
        this.driver = driver;
        this.url = url;
    }

    public WebDriver driver() {
        return driver;
    }

    public static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Opens a page (e.g. "#/topics") and waits until it has rendered. */
    public Console open(String route) {
        driver.get(url + route);
        return awaitRoute(route);
    }

    /**
     * Loads the app afresh at a route (a new session is read from the broker) and waits for the route it lands on:
     * the login page when a login is needed.
     */
    public Console reload(String route, String landing) {
        driver.get(url + route);
        driver.navigate().refresh();
        return awaitRoute(landing);
    }

    /** Waits until the page of this route has rendered (the app sets #page[data-route] when done). */
    public Console awaitRoute(String route) {
        waitUntil(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#page[data-route='" + route + "'][aria-busy='false']")));
        return this;
    }

    public WebElement find(String testId) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(testId(testId)));
    }

    public List<WebElement> findAll(String testId) {
        return driver.findElements(testId(testId));
    }

    public WebElement row(String rowTestId, String attribute, String value) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='" + rowTestId + "'][" + attribute + "='" + value + "']")));
    }

    public Console type(String testId, String text) {
        WebElement input = find(testId);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    public Console choose(String testId, String value) {
        new Select(find(testId)).selectByValue(value);
        return this;
    }

    public Console click(String testId) {
        waitUntil(ExpectedConditions.elementToBeClickable(testId(testId))).click();
        return this;
    }

    /** The text of an element once it contains the expected text. */
    public String awaitText(String testId, String expected) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(testId(testId), expected));
        return find(testId).getText();
    }

    /** Kafka's error code in the error banner, once it shows one. */
    public String bannerCode() {
        return find("error-code").getText();
    }

    /**
     * The text of an element, read again if the page redrew it meanwhile (the group pages refresh themselves).
     */
    public String text(String testId) {
        return waitUntil(d -> d.findElement(testId(testId)).getText());
    }

    /** The text of a cell (by its testid) in the row whose attribute has this value. */
    public String cellText(String rowTestId, String attribute, String value, String cellTestId) {
        return waitUntil(d -> d.findElement(By.cssSelector("[data-testid='" + rowTestId + "'][" + attribute + "='"
                + value + "'] [data-testid='" + cellTestId + "']")).getText());
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(TIMEOUT, condition);
    }

    /** Waits until the condition holds (not null, not false); an element redrawn meanwhile is looked up again. */
    public <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /**
     * With {@value #SCREENSHOTS_PROPERTY}=true, writes the whole page (as tall as its content, 1280 wide) to
     * docs/images/console-NAME.png; otherwise does nothing, so a normal test run leaves the docs alone.
     */
    public void screenshot(String name) {
        if (!Boolean.getBoolean(SCREENSHOTS_PROPERTY)) {
            return;
        }
        Dimension before = driver.manage().window().getSize();
        try {
            Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
            int target = Math.min(Math.max(height.intValue() + (before.getHeight() - viewportHeight()), 800), 2400);
            driver.manage().window().setSize(new Dimension(before.getWidth(), target));
            byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Path file = docsImages().resolve("console-" + name + ".png");
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private int viewportHeight() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight;")).intValue();
    }

    private static Path docsImages() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/architecture.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IOException("No docs/ directory above " + Path.of("").toAbsolutePath());
        }
        return Files.createDirectories(dir.resolve("docs/images"));
    }
}
