package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.SharedKeycloak;
import io.restassured.http.ContentType;

/**
 * A clerk signs in to the clerks' pages at Keycloak in real headless Chromium (authorization-code flow, session
 * cookie over plain http on the loopback address), sees her office's cases and not another office's, and signs out.
 */
class ClerkSignInIT {

    private static RunningSystem system;
    private static ChromeDriver driver;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        system = RunningSystem.get();
        driver = startChromium();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void shouldSignAClerkInAtKeycloakAndShowOnlyHerOfficesCases() {
        String gateway = system.url(FallnetzService.GATEWAY);
        String ownCase = system.openCase();
        String otherOfficesCase = given().baseUri(gateway).auth().oauth2(SharedKeycloak.tokens().user("clara.huber"))
                .contentType(ContentType.JSON).body(Fixtures.openCaseJson("abh-muenchen", "de"))
                .when().post("/api/cases")
                .then().statusCode(201).extract().path("caseId");

        driver.get(gateway + "/ui");
        waiting().until(urlContains(SharedKeycloak.issuer()));
        driver.findElement(By.id("username")).sendKeys("anna.schmidt");
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("kc-login")).click();
        waiting().until(presenceOfElementLocated(By.id("worklist")));
        assertThat(driver.getCurrentUrl()).startsWith(gateway + "/ui");
        assertThat(driver.findElement(By.tagName("header")).getText()).contains("Anna Schmidt", "abh-berlin");
        assertThat(driver.findElement(By.id("worklist")).getText()).contains("Nguyen");

        driver.get(gateway + "/ui/cases/" + ownCase);
        waiting().until(presenceOfElementLocated(By.id("case-status")));
        assertThat(driver.getPageSource()).contains(ownCase);

        driver.get(gateway + "/ui/cases/" + otherOfficesCase);
        waiting().until(presenceOfElementLocated(By.tagName("h1")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("404");
        assertThat(driver.findElements(By.id("case-status"))).isEmpty();

        driver.findElement(By.id("sign-out")).click();
        waiting().until(d -> !d.getCurrentUrl().startsWith(gateway + "/ui"));
        driver.get(gateway + "/ui");
        waiting().until(urlContains(SharedKeycloak.issuer()));
        assertThat(driver.findElements(By.id("username"))).isNotEmpty();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** Debian's headless Chromium, installed by the gateway's script when missing (as its browser tests do). */
    private static ChromeDriver startChromium() throws IOException, InterruptedException {
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
        return new ChromeDriver(service, options);
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
