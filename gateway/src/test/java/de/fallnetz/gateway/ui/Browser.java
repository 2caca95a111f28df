package de.fallnetz.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's headless Chromium driven by Selenium, with axe-core for accessibility checks. Installs chromium and
 * chromium-driver first when they are missing ({@code src/test/browser/ensure-chromium.sh}).
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final String axe;

    private Browser(ChromeDriver driver, String axe) {
        this.driver = driver;
        this.axe = axe;
    }

    static Browser start(String language) {
        ensureChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(which("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(which("chromedriver")).toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("axe-core on the test classpath (npm ci in the build)").isNotNull();
            return new Browser(driver, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            driver.quit();
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An upper bound, not a timing: a page that loads in 70 s on a busy CI machine still passes (20 s was once too
     * short for a form's answer while the whole build ran beside).
     */
    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    /** Clicks an element after scrolling it to the middle of the window, as a person would. */
    void click(org.openqa.selenium.WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    /** Clicks a link or a form's button and waits until the next page has loaded. */
    void follow(org.openqa.selenium.WebElement element) {
        click(element);
        // While the old page goes, Chrome may answer about its element with "does not belong to the document"
        // instead of "stale": both mean the page was left.
        waiting().ignoring(org.openqa.selenium.WebDriverException.class)
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(element));
        waiting().until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** axe-core's WCAG 2.0/2.1 A and AA rules on the current page: no serious or critical violation. */
    void assertAccessible(String page) {
        JavascriptExecutor js = driver;
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.writeString(SCREENSHOTS.resolve(page.replaceAll("[^a-zA-Z0-9]+", "-") + ".html"),
                    driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        waiting().until(d -> "complete".equals(js.executeScript("return document.readyState"))
                && !js.executeScript("return document.title").toString().isEmpty());
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done('error: ' + e); });");
        assertThat(result.toString()).as("axe on " + page).doesNotStartWith("error");
        List<String> serious = new ArrayList<>();
        try {
            for (JsonNode violation : new ObjectMapper().readTree(result.toString())) {
                String impact = violation.path("impact").asText();
                if ("serious".equals(impact) || "critical".equals(impact)) {
                    List<String> targets = new ArrayList<>();
                    violation.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                    serious.add(impact + " " + violation.path("id").asText() + ": " + violation.path("help").asText()
                            + " " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(serious).as("serious or critical accessibility violations on " + page).isEmpty();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static void ensureChromium() {
        if (whichOrNull("chromium") != null && whichOrNull("chromedriver") != null) {
            return;
        }
        try {
            Process install = new ProcessBuilder("bash", "src/test/browser/ensure-chromium.sh").inheritIO().start();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                throw new IllegalStateException("could not install chromium and chromium-driver");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String which(String program) {
        String path = whichOrNull(program);
        if (path == null) {
            throw new IllegalStateException(program + " not found on PATH");
        }
        return path;
    }

    private static String whichOrNull(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
