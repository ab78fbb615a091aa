package dev.chat.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user's browser: a headless Chromium of the machine's own (web-client/setup-browser.sh) with a
 * profile of its own, driven through the machine's chromedriver; Selenium is given both paths and
 * downloads nothing. Screenshots go to target/screenshots.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String name;

    Browser(String name) {
        this(name, 1100, 800);
    }

    /** A browser whose window is {@code width} x {@code height} CSS pixels (390 x 844: a phone). */
    Browser(String name, int width, int height) {
        this.name = name;
        try {
            profile = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "chromium-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHAT_CHROMIUM", "chromium", "chromium-browser", "google-chrome"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("CHAT_CHROMEDRIVER", "chromedriver")))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    /** The program named by {@code variable}, else the first of {@code names} on the PATH; fails saying how to get it. */
    private static String executable(String variable, String... names) {
        Optional<String> given = Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
        if (given.isPresent()) {
            return given.get();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException("no " + String.join(" or ", names) + " on the PATH: the web client's tests drive"
                + " the machine's Chromium; run web-client/setup-browser.sh (README, The two commands), or set " + variable);
    }

    /** Opens {@code url} in a new tab of this browser and switches to it; answers the tab it left. */
    String openTab(String url) {
        String previous = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        driver.get(url);
        return previous;
    }

    void switchTo(String tab) {
        driver.switchTo().window(tab);
    }

    String name() {
        return name;
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the element once it is shown; finds it again if the page redrew it between finding and clicking. */
    void click(String css) {
        await(d -> {
            WebElement element = find(css);
            if (!element.isDisplayed()) {
                return false;
            }
            element.click();
            return true;
        });
    }

    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** What this tab keeps in its session storage under {@code key} (JSON), as a map. */
    @SuppressWarnings("unchecked")
    Map<String, Object> sessionJson(String key) {
        return (Map<String, Object>) script("return JSON.parse(sessionStorage.getItem(arguments[0]));", key);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> localJson(String key) {
        return (Map<String, Object>) script("return JSON.parse(localStorage.getItem(arguments[0]));", key);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Errors the page's scripts raised (failed requests the page handled are not counted). */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .filter(message -> !message.contains("WebSocket connection to"))
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder under target/
        }
    }
}
