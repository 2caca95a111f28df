package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CONFLICT;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.oneOf;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PartnerTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The partner portal against the real system: a clerk opens a Blue Card case that real routing addresses to Berlin's
 * Welcome Center (and to the BA); the Welcome Center's user signs in at Keycloak in headless Chromium, finds the
 * request in the portal's inbox once it has come over Kafka, claims and answers it with the form, and the answer
 * reaches the clerk's case through Kafka. The BA's request of the same case stays invisible to the Welcome Center.
 */
class PartnerPortalIT {

    private static final String WELCOME_CENTER_REASONS = "Termin zur Erstberatung angeboten";

    private static RunningSystem system;
    private static String gateway;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        system = RunningSystem.get();
        gateway = system.url(FallnetzService.GATEWAY);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldLetTheWelcomeCenterAnswerInThePortalWhatRoutingAddressedToItAndShowItNothingElse() {
        // The Welcome Center's user signs in meanwhile: the sign-in does not depend on the case.
        ChromeDriver driver = browser.driver;
        CompletableFuture<Void> signedIn = CompletableFuture.runAsync(
                () -> browser.signIn(gateway + "/portal", "emil.brandt", By.id("inbox-count")));
        String caseId = openBlueCardWithWelcomeCenterSupport();
        tickAll(caseId);
        String welcomeCenterRequest = awaitInteraction(caseId, "WELCOME_CENTER");
        String baRequest = awaitInteraction(caseId, "BA_CONSENT");
        // The BA's request exists and is delivered to the BA: what follows is need-to-know, not a missing request.
        String ba = PartnerTokens.shared().mint("ba-zav");
        await().atMost(Duration.ofMinutes(1)).until(() -> given().baseUri(system.url(FallnetzService.BA_CONSENT))
                .auth().oauth2(ba).when().get("/partner/v1/requests/" + baRequest).statusCode() == 200);

        signedIn.join();
        assertThat(driver.findElement(By.tagName("header")).getText()).contains("Emil Brandt",
                "welcome-center-berlin");
        By requestLink = By.cssSelector("a[data-request='" + welcomeCenterRequest + "']");
        // The request reaches welcome-center over Kafka; the inbox shows it once it is delivered.
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            driver.get(gateway + "/portal");
            return !driver.findElements(requestLink).isEmpty();
        });
        WebElement row = driver.findElement(requestLink).findElement(By.xpath("./ancestor::tr"));
        assertThat(row.getText()).contains(caseId, "Welcome Center");
        assertThat(driver.findElements(By.cssSelector("a[data-request='" + baRequest + "']"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("a[href^='/portal/ba-consent/']"))).isEmpty();

        browser.follow(driver.findElement(requestLink));
        browser.waiting().until(presenceOfElementLocated(By.id("request-facts")));
        assertThat(driver.findElement(By.id("request-facts")).getText()).contains(caseId, "abh-berlin");
        assertThat(driver.findElement(By.id("request-data")).getText()).contains("Beispiel Software GmbH");

        browser.follow(driver.findElement(By.id("claim")));
        browser.waiting().until(urlContains("done=claim"));
        assertThat(driver.findElement(By.id("claimed-by")).getText()).isEqualTo("emil.brandt");

        fillAnswer(driver.findElement(By.id("answer-form")));
        browser.follow(driver.findElement(By.id("send-answer")));
        browser.waiting().until(urlContains("done=answer"));
        assertThat(driver.findElement(By.id("answer-given")).getText()).contains("Zur Kenntnis genommen",
                WELCOME_CENTER_REASONS);
        assertThat(driver.findElement(By.id("request-state")).getText()).isEqualTo("Beantwortet");
        assertThat(driver.findElements(By.id("answer-form"))).as("no answer form once answered").isEmpty();

        // The answer travels to case-service over Kafka and shows in the clerk's case and timeline.
        await().atMost(Duration.ofMinutes(1)).until(() -> interaction(read(caseId), welcomeCenterRequest, "state"),
                "ANSWERED"::equals);
        JsonPath answered = read(caseId);
        assertThat(interaction(answered, welcomeCenterRequest, "outcome")).isEqualTo("ACKNOWLEDGED");
        assertThat(interaction(answered, welcomeCenterRequest, "reasons")).isEqualTo(WELCOME_CENTER_REASONS);
        assertThat(interaction(answered, baRequest, "state")).isNotEqualTo("ANSWERED");
        List<String> timeline = given().baseUri(gateway).when().get("/api/cases/" + caseId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("entries.type", String.class);
        assertThat(timeline).contains("de.fallnetz.interaction.claimed", "de.fallnetz.interaction.answered");

        // Another partner's request of the same case: not in the inbox (above), and a direct address is a 404.
        driver.get(gateway + "/portal/ba-consent/requests/" + baRequest);
        browser.waiting().until(presenceOfElementLocated(By.tagName("h1")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("404");
        Object status = driver.executeAsyncScript("fetch(arguments[0]).then(r => arguments[1](r.status))",
                gateway + "/portal/ba-consent/requests/" + baRequest);
        assertThat(status).isEqualTo(404L);
        assertThat(driver.findElements(By.id("request-facts"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("Beispiel Software GmbH");
    }

    /**
     * Fills what the answer form asks today, found by field name: the outcome, the reasons, and any other field
     * marked required (kinds may bring fields of their own) with a plausible value of its type.
     */
    private static void fillAnswer(WebElement form) {
        new Select(form.findElement(By.name("outcome"))).selectByValue("ACKNOWLEDGED");
        form.findElement(By.name("reasons")).sendKeys(WELCOME_CENTER_REASONS);
        for (WebElement field : form.findElements(By.cssSelector("[required], [aria-required='true']"))) {
            String name = field.getAttribute("name");
            if ("outcome".equals(name) || "reasons".equals(name) || !field.isDisplayed()) {
                continue;
            }
            String type = String.valueOf(field.getAttribute("type"));
            if ("select".equals(field.getTagName())) {
                Select select = new Select(field);
                select.getOptions().stream().filter(o -> !o.getAttribute("value").isEmpty()).findFirst()
                        .ifPresent(o -> select.selectByValue(o.getAttribute("value")));
            } else if ("checkbox".equals(type) || "radio".equals(type)) {
                if (!field.isSelected()) {
                    field.click();
                }
            } else if (field.getAttribute("value") == null || field.getAttribute("value").isEmpty()) {
                field.sendKeys("date".equals(type) ? "01.12.2026" : "number".equals(type) ? "1" : "Siehe Akte");
            }
        }
    }

    private static String openBlueCardWithWelcomeCenterSupport() {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("postalCode", "10115");
        application.put("employer", "Beispiel Software GmbH");
        application.put("jobTitle", "Data Engineer");
        application.put("grossAnnualSalaryEur", 47000);
        // The reduced threshold brings the BA's consent into the same case: another partner's request.
        application.put("salaryBand", "REDUCED");
        application.put("qualification", "B.Tech, IIT Madras");
        application.put("qualificationRecognised", true);
        application.put("firstIssue", false);
        application.put("welcomeCenterSupport", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseType", "BLUE_CARD");
        body.put("applicant", Map.of("familyName", "Okafor", "givenNames", "Chidi", "dateOfBirth", "1991-06-23",
                "nationality", "NGA", "preferredLanguage", "en"));
        body.put("application", application);
        String key = UUID.randomUUID().toString();
        return repeatedOnUnavailable(() -> given().baseUri(gateway).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).when().post("/api/cases"))
                .then().statusCode(oneOf(CREATED.getStatusCode(), OK.getStatusCode())).extract().path("caseId");
    }

    /** The interaction of the kind that case-service asked for, once it is in the case. */
    private static String awaitInteraction(String caseId, String kind) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> read(caseId)
                .getList("interactions.findAll { it.kind == '" + kind + "' }.interactionId", String.class),
                ids -> ids.size() == 1).get(0);
    }

    private static String interaction(JsonPath c, String interactionId, String field) {
        return c.getString("interactions.find { it.interactionId == '" + interactionId + "' }." + field);
    }

    private static JsonPath read(String caseId) {
        return given().baseUri(gateway).when().get("/api/cases/" + caseId).then().statusCode(200).extract()
                .jsonPath();
    }

    private static void tickAll(String caseId) {
        for (String item : read(caseId).getList("checklist.id", String.class)) {
            String version = "\"" + read(caseId).getLong("version") + "\"";
            String key = UUID.randomUUID().toString();
            repeatedOnUnavailable(() -> given().baseUri(gateway).contentType(ContentType.JSON)
                    .header("If-Match", version).header("Idempotency-Key", key).body(Map.of("note", "liegt vor"))
                    .when().post("/api/cases/" + caseId + "/checklist/" + item + "/tick"))
                    .then().statusCode(OK.getStatusCode());
        }
    }

    /**
     * As the gateway asks of its clients: a 503 (case-service did not answer in time, which a cold system on a busy
     * machine does) is repeated with the same Idempotency-Key, which applies the request once; so is a 409 while the
     * earlier attempt with that key is still running. After the gateway's own retry of an opening, the answer may be
     * 200 with the case its first attempt opened.
     */
    private static Response repeatedOnUnavailable(Callable<Response> call) {
        return await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(call, r -> r.statusCode() != SERVICE_UNAVAILABLE.getStatusCode()
                        && !(r.statusCode() == CONFLICT.getStatusCode() && r.asString().contains("in-progress")));
    }
}
