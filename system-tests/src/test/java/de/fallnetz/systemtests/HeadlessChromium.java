package de.fallnetz.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import de.fallnetz.devstack.SharedKeycloak;

/**
 * Debian's headless Chromium for the browser tests against the running system, installed by the gateway's script
 * when missing (as its own browser tests do). One per test class; {@link #close()} it after the class.
 */
final class HeadlessChromium implements AutoCloseable {

    final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static HeadlessChromium start() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("fallnetz.root", "..")).toAbsolutePath().normalize();
        Process ensure = new ProcessBuilder("bash", root.resolve("gateway/src/test/browser/ensure-chromium.sh").toString())
                .inheritIO().start();
        assertThat(ensure.waitFor()).as("chromium and chromedriver installed").isZero();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(which("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=de");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "de"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(which("chromedriver")).toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /**
     * Opens {@code url}, which needs a sign-in, and signs in at Keycloak's form as {@code user} (the realm's demo
     * password); waits until the browser is back on the page, which then shows {@code landmark}.
     */
    void signIn(String url, String user, By landmark) {
        driver.get(url);
        waiting().until(urlContains(SharedKeycloak.issuer()));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("kc-login")).click();
        waiting().until(presenceOfElementLocated(landmark));
    }

    /** Clicks a link or a form's button and waits until the next page has loaded. */
    void follow(WebElement element) {
        // In the middle of the window: a button at its lower edge may lie under the page's footer.
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
        // While the old page goes, Chrome may answer about its element with "does not belong to the document"
        // instead of "stale": both mean the page was left.
        waiting().ignoring(WebDriverException.class).until(stalenessOf(element));
        waiting().until(d -> "complete".equals(driver.executeScript("return document.readyState")));
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String which(String command) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, command);
            if (candidate.toFile().canExecute()) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(command + " not on the PATH");
    }
}
