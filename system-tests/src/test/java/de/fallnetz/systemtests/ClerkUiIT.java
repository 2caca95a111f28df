package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.SharedKeycloak;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A new clerk's first case, the way the README tells a new user to try Fallnetz, against the real services: she signs
 * in at Keycloak with a demo account, opens a Blue Card case in the form, takes it, ticks the checklist, finds the BA's
 * answer (given through the partner API's front door) on the case page, decides with a preview of the letter and
 * downloads it as PDF. The answer and the new status appear on the open case page without a reload.
 * <p>
 * It runs beside the short chaos run on a loaded machine: a page that came back as "service unavailable" is loaded
 * again, as a clerk would.
 */
class ClerkUiIT {

    private static RunningSystem system;
    private static String gateway;
    private HeadlessChromium browser;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        gateway = system.url(FallnetzService.GATEWAY);
    }

    @BeforeEach
    void startBrowser() throws IOException, InterruptedException {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    @Test
    void shouldTakeANewClerkFromSignInThroughTheBasAnswerToTheDecisionLetter() {
        ChromeDriver driver = browser.driver;
        browser.signIn(gateway + "/ui", "anna.schmidt", By.id("sign-out"));

        // Open a case on behalf of the applicant; the postal code answers with the competent office.
        driver.get(gateway + "/ui/new");
        new Select(driver.findElement(By.id("case-type"))).selectByValue("BLUE_CARD");
        browser.waiting().until(presenceOfElementLocated(By.id("app-salaryBand")));
        String familyName = "Iyer-" + UUID.randomUUID().toString().substring(0, 8);
        driver.findElement(By.id("familyName")).sendKeys(familyName);
        driver.findElement(By.id("givenNames")).sendKeys("Priya");
        driver.executeScript("arguments[0].value = '1992-05-04'", driver.findElement(By.id("dateOfBirth")));
        driver.findElement(By.id("nationality")).sendKeys("IND");
        driver.findElement(By.id("preferredLanguage")).sendKeys("en");
        driver.findElement(By.id("app-postalCode")).sendKeys("10115");
        browser.waiting().until(textToBePresentInElementLocated(By.id("jurisdiction"), "abh-berlin"));
        driver.findElement(By.id("app-employer")).sendKeys("Beispiel Software GmbH");
        driver.findElement(By.id("app-jobTitle")).sendKeys("Data Engineer");
        driver.findElement(By.id("app-grossAnnualSalaryEur")).sendKeys("47000");
        new Select(driver.findElement(By.id("app-salaryBand"))).selectByValue("REDUCED");
        driver.findElement(By.id("app-qualification")).sendKeys("B.Tech, IIT Madras");
        check(driver.findElement(By.id("app-qualificationRecognised")));
        browser.follow(driver.findElement(By.id("open-case")));
        awaitUrl("done=opened");
        String caseId = driver.getCurrentUrl().replaceAll(".*/ui/cases/([0-9a-f-]{36}).*", "$1");

        // Take it and tick the checklist item by item.
        String casePage = gateway + "/ui/cases/" + caseId;
        browser.follow(driver.findElement(By.id("assign-to-me")));
        awaitUrl("done=assignment");
        // A page that came back as an error instead of the case (case-service unavailable on a loaded machine) is
        // loaded again and the tick repeated, as a clerk would; a tick refused for its CSRF token fails the test.
        for (int i = 0; i < 30; i++) {
            List<WebElement> ticks = driver.findElements(By.cssSelector("button[data-tick]"));
            if (driver.findElements(By.id("case-status")).isEmpty()) {
                assertThat(driver.findElement(By.tagName("body")).getText()).as("a tick refused")
                        .doesNotContain("urn:fallnetz:problem:csrf");
                loadCasePage(casePage);
            } else if (ticks.isEmpty()) {
                break;
            } else {
                browser.follow(ticks.get(0));
            }
        }
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("Beteiligungen laufen");

        // The BA's request arrives over Kafka; the clerk has the case open while the BA answers through the front door.
        String request = awaitBaRequest(caseId);
        loadCasePage(casePage);
        browser.waiting().until(textToBePresentInElementLocated(By.id("interactions"), "ba-zav"));
        browser.waiting().until(d -> Long.valueOf(1).equals(driver.executeScript(
                "var s = (document.body['htmx-internal-data'] || {}).sseEventSource; return s ? s.readyState : -1")));
        String ba = SharedKeycloak.tokens().partner("ba-zav");
        long version = given().baseUri(gateway).auth().oauth2(ba).when()
                .get("/partner/v1/ba-consent/requests/" + request).then().statusCode(200).extract().jsonPath()
                .getLong("version");
        given().baseUri(gateway).auth().oauth2(ba).contentType(ContentType.JSON)
                .header("If-Match", "\"" + version + "\"").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("outcome", "GRANTED_WITH_CONDITIONS", "reasons", "Arbeitsbedingungen geprüft",
                        "conditions", List.of("Beschäftigung nur bei der Beispiel Software GmbH")))
                .when().post("/partner/v1/ba-consent/requests/" + request + "/answer").then().statusCode(200);

        // Live: the open page shows the answer and, once case-service has it, that the case is ready for decision.
        WebDriverWait live = new WebDriverWait(driver, Duration.ofMinutes(1));
        live.until(textToBePresentInElementLocated(By.id("interactions"), "Beantwortet"));
        live.until(textToBePresentInElementLocated(By.id("live"), "Entscheidungsreif"));

        // Decide with a preview of the letter first (the page loaded again, as the live notice offers).
        loadCasePage(casePage);
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("Entscheidungsreif");
        driver.findElement(By.id("decision-basis")).sendKeys("§18g Abs. 2 AufenthG");
        press(driver.findElement(By.id("decision-preview-button")));
        browser.waiting().until(textToBePresentInElementLocated(By.id("decision-preview"), "Erteilung"));
        browser.follow(driver.findElement(By.id("decide")));
        awaitUrl("done=decision");
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("Entschieden");

        // The decision letter downloads as PDF, with the clerk's session.
        String letter = driver.findElement(By.cssSelector("#documents a")).getAttribute("href");
        Object download = driver.executeAsyncScript("fetch(arguments[0]).then(r => r.arrayBuffer().then(b => "
                + "arguments[1](r.status + ' ' + r.headers.get('content-type') + ' '"
                + " + new TextDecoder().decode(b.slice(0, 5)))))", letter);
        assertThat(download).isEqualTo("200 application/pdf %PDF-");
    }

    /** Loads the case page, again while it comes back as "service unavailable" (case-service slow or away). */
    private void loadCasePage(String url) {
        new WebDriverWait(browser.driver, Duration.ofMinutes(1)).until(d -> {
            d.get(url);
            return !d.findElements(By.id("case-status")).isEmpty();
        });
    }

    /** Ticks a checkbox once. */
    private void check(WebElement box) {
        if (!box.isSelected()) {
            press(box);
        }
    }

    /** Clicks in the middle of the window: at its lower edge an element lies under the page's footer. */
    private void press(WebElement element) {
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    /** Waits for the answer page of a form; if the form came back with errors, says which. */
    private void awaitUrl(String fragment) {
        try {
            browser.waiting().until(urlContains(fragment));
        } catch (TimeoutException e) {
            throw new AssertionError("expected " + fragment + " but the page says: "
                    + browser.driver.findElement(By.tagName("main")).getText(), e);
        }
    }

    /** The BA's request about the case, once the BA's inbox has it. */
    private static String awaitBaRequest(String caseId) {
        String ba = SharedKeycloak.tokens().partner("ba-zav");
        String request = await().atMost(Duration.ofMinutes(1)).until(() -> read(caseId)
                .getList("interactions.findAll { it.kind == 'BA_CONSENT' }.interactionId", String.class),
                ids -> ids.size() == 1).get(0);
        await().atMost(Duration.ofMinutes(1)).until(() -> given().baseUri(gateway).auth().oauth2(ba)
                .when().get("/partner/v1/ba-consent/requests/" + request).statusCode() == 200);
        return request;
    }

    private static JsonPath read(String caseId) {
        return system.readCase(caseId);
    }
}
