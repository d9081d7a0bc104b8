package io.ccagent.system.portal;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * Debian's headless Chromium driven through {@code /usr/bin/chromedriver} (Selenium never downloads a driver),
 * with a fresh profile per browser, so every browser is a separate person with its own session cookie; and what the
 * browser tests do on the portal's pages again and again (sign in, wait for the live stream, pick a status, log into
 * queues), each waiting for what a person would see.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("cca-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromiumBinary());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,1100", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    private static String chromiumBinary() {
        return Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "/usr/bin/chromium-browser";
    }

    void open(String path) {
        driver.get(path.startsWith("http") ? path : baseUrl + path);
    }

    void signIn(String login, String password) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(login);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        await(d -> !d.getCurrentUrl().contains("/login"), "signed in as " + login);
    }

    /** Waits until the page's live stream is connected (the indicator in the top bar says Live). */
    void awaitLive() {
        await(d -> "Live".equals(d.findElement(By.cssSelector("#live-indicator .live-text")).getText()),
                "the live stream is connected");
    }

    /** Picks a status in the Call Center page's drop-down, once the page has loaded the agent and enabled it. */
    void pickStatus(String status) {
        await(d -> d.findElement(By.id("status-select")).isEnabled(), "status drop-down enabled");
        new Select(find("#status-select")).selectByValue(status);
    }

    /** Waits until the Call Center page's status badge shows {@code text}. */
    void awaitStatusBadge(String text, String what) {
        await(d -> d.findElement(By.id("status-badge")).getText().contains(text), what);
    }

    /** Waits until the Call Center page lists the agent's queues. */
    void awaitMyQueues() {
        await(d -> !d.findElements(By.cssSelector("#queues-table tbody tr")).isEmpty(), "My Queues rows");
    }

    /** Clicks the element, finding it again if a live update replaced it in between. */
    void clickWhenStable(String css) {
        await(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        }, "click " + css);
    }

    /** On the Call Center page: presses each door that shows "logged out" until none is left. */
    void logIntoEveryQueue() {
        clickEachUntilNone("button.door.out", "logged into every queue");
    }

    /**
     * Clicks what {@code css} matches one element at a time (each click re-renders the list and disables the element
     * until the server answers) until nothing matches.
     */
    void clickEachUntilNone(String css, String what) {
        await(d -> {
            List<WebElement> left = d.findElements(By.cssSelector(css + ":not(:disabled)"));
            if (left.isEmpty()) {
                return d.findElements(By.cssSelector(css)).isEmpty();
            }
            left.get(0).click();
            return false;
        }, what);
    }

    /** On the supervisor's Agents page: sets the agent's status (unless it is that already) and waits until shown. */
    void setStatusOf(String agent, String status) {
        String css = "select.status-of[data-agent='" + agent + "']";
        await(d -> d.findElement(By.cssSelector(css)).isEnabled(), "status of " + agent);
        await(d -> {
            Select select = new Select(d.findElement(By.cssSelector(css)));
            if (!status.equals(select.getFirstSelectedOption().getAttribute("value"))) {
                select.selectByValue(status);
            }
            return true;
        }, "pick " + status + " for " + agent);
        await(d -> status.equals(new Select(d.findElement(By.cssSelector(css))).getFirstSelectedOption()
                .getAttribute("value")) && d.findElement(By.cssSelector(css)).isEnabled(), agent + " is " + status);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    <T> T await(ExpectedCondition<T> condition, String what) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    String textOf(String css) {
        return find(css).getText();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the named screenshots to {@code docs/screenshots}, where the README shows them. */
    static void keepScreenshotsForTheDocs(List<String> names) {
        Path docs = Path.of("..", "docs", "screenshots");
        try {
            Files.createDirectories(docs);
            for (String name : names) {
                Path shot = SCREENSHOTS.resolve(name + ".png");
                if (Files.exists(shot)) {
                    Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
