package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PartnerTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The partner portal against the real system (gateway, Keycloak, case-service, the interaction services, Kafka): a
 * clerk opens a case that case-service's routing addresses to a partner without a system of its own; its user signs
 * in at Keycloak in headless Chromium, finds the request in the portal's inbox once it has come over Kafka, claims
 * and answers it with the form, and the answer reaches the clerk's case through Kafka. Berlin's Welcome Center, which
 * does not see the BA's request of the same case; and a relocation agency under a power of attorney sub-delegated by
 * the employer.
 */
class PartnerPortalIT {

    private static final String WELCOME_CENTER_REASONS = "Termin zur Erstberatung angeboten";

    private static RunningSystem system;
    private static String gateway;
    /** One per test: each signs its own partner user in, with no session of another test's user. */
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

        fillAnswer(driver.findElement(By.id("answer-form")), "ACKNOWLEDGED", WELCOME_CENTER_REASONS, Map.of());
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

    @Test
    void shouldLetTheRelocationAgencySubmitTheDocumentsOfAHandOffUnderItsPowerOfAttorney() {
        ChromeDriver driver = browser.driver;
        CompletableFuture<Void> signedIn = CompletableFuture.runAsync(
                () -> browser.signIn(gateway + "/portal", "rosa.keller", By.id("inbox-count")));
        String caseId = openAcceleratedCaseWithRelocationAgency();
        grantSubDelegatedPower(caseId);
        tickAll(caseId);
        String handOff = awaitInteraction(caseId, "RELOCATION_HANDOFF");

        signedIn.join();
        assertThat(driver.findElement(By.tagName("header")).getText()).contains("Rosa Keller", "relocation-muster");
        By requestLink = By.cssSelector("a[data-request='" + handOff + "']");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            driver.get(gateway + "/portal");
            return !driver.findElements(requestLink).isEmpty();
        });
        browser.follow(driver.findElement(requestLink));
        browser.waiting().until(presenceOfElementLocated(By.id("request-facts")));
        assertThat(driver.findElement(By.id("request-data")).getText()).contains("Beispiel Software GmbH");
        browser.follow(driver.findElement(By.id("claim")));
        browser.waiting().until(urlContains("done=claim"));
        assertThat(driver.findElement(By.id("claimed-by")).getText()).isEqualTo("rosa.keller");

        fillAnswer(driver.findElement(By.id("answer-form")), "DOCUMENTS_SUBMITTED", "Vollständig eingereicht",
                Map.of("submittedDocuments", "Arbeitsvertrag\nStellenbeschreibung"));
        browser.follow(driver.findElement(By.id("send-answer")));
        browser.waiting().until(urlContains("done=answer"));
        assertThat(driver.findElement(By.id("request-state")).getText()).isEqualTo("Beantwortet");

        await().atMost(Duration.ofMinutes(1)).until(() -> interaction(read(caseId), handOff, "state"),
                "ANSWERED"::equals);
        assertThat(interaction(read(caseId), handOff, "outcome")).isEqualTo("DOCUMENTS_SUBMITTED");
    }

    /**
     * Fills what the answer form asks today, found by field name: the outcome, the reasons, the further fields given
     * by name, and any other field marked required (kinds may bring fields of their own) with a plausible value.
     */
    private static void fillAnswer(WebElement form, String outcome, String reasons, Map<String, String> more) {
        new Select(form.findElement(By.name("outcome"))).selectByValue(outcome);
        form.findElement(By.name("reasons")).sendKeys(reasons);
        more.forEach((name, value) -> form.findElement(By.name(name)).sendKeys(value));
        for (WebElement field : form.findElements(By.cssSelector("[required], [aria-required='true']"))) {
            String name = field.getAttribute("name");
            if ("outcome".equals(name) || "reasons".equals(name) || more.containsKey(name) || !field.isDisplayed()) {
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
        return open(body);
    }

    private static String open(Map<String, Object> body) {
        return system.openCase(body);
    }

    private static String openAcceleratedCaseWithRelocationAgency() {
        return open(RunningSystem.acceleratedCaseWithRelocationAgency("Haddad", "Lina", "1993-09-30", "JOR"));
    }

    /**
     * The employer's power of attorney for the case, granted by the office, and the employer's sub-delegation to the
     * relocation agency: without them relocation-handoff shows the agency nothing.
     */
    private static void grantSubDelegatedPower(String caseId) {
        String relocation = system.url(FallnetzService.RELOCATION_HANDOFF);
        Map<String, Object> power = power("employer-beispiel", true, Duration.ofDays(180));
        power.put("caseId", caseId);
        String clerk = PartnerTokens.shared().mintUser("anna", List.of("clerk"), "abh-berlin");
        String employer = given().baseUri(relocation).auth().oauth2(clerk).contentType(ContentType.JSON).body(power)
                .when().post("/api/powers-of-attorney").then().statusCode(CREATED.getStatusCode()).extract().path("id");
        given().baseUri(relocation).auth().oauth2(PartnerTokens.shared().mint("employer-beispiel"))
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(power("relocation-muster", false, Duration.ofDays(90)))
                .when().post("/partner/v1/powers-of-attorney/" + employer + "/sub-delegations")
                .then().statusCode(CREATED.getStatusCode());
    }

    private static Map<String, Object> power(String holder, boolean subDelegation, Duration valid) {
        Map<String, Object> power = new HashMap<>();
        power.put("holder", holder);
        power.put("subDelegationAllowed", subDelegation);
        power.put("caseTypes", List.of("ACCELERATED_SKILLED_WORKER"));
        power.put("acts", List.of("FILE", "RECEIVE_DOCUMENTS", "ANSWER"));
        power.put("validUntil", Instant.now().plus(valid).toString());
        return power;
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
        return system.readCase(caseId);
    }

    private static void tickAll(String caseId) {
        for (String item : read(caseId).getList("checklist.id", String.class)) {
            system.command(caseId, "checklist/" + item + "/tick", Map.of("note", "liegt vor"));
        }
    }
}
