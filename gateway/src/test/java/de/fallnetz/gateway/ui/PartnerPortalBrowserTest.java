package de.fallnetz.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.SharedKeycloak;
import de.fallnetz.gateway.portal.InMemoryInteractionServices;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The relocation agency's user signs in to the partner portal at Keycloak (authorization-code flow, the realm's demo
 * user rosa.keller) in real headless Chromium, finds the request in the inbox, claims it, sees the service's refusal
 * of an incomplete answer next to the field, and answers. Every page is checked with axe-core.
 */
@QuarkusTest
@TestProfile(InMemoryInteractionServices.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class PartnerPortalBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start("de-DE");
    }

    /** Every test signs in itself: no session (the gateway's or Keycloak's) is left from another. */
    @BeforeEach
    void signedOut() {
        browser.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The loopback address, which the realm accepts as a redirect on any port and browsers treat as secure. */
    private String url(String path) {
        return "http://127.0.0.1:" + base.getPort() + path;
    }

    @Test
    void shouldLetTheRelocationAgencySignInClaimAndAnswerARequest() {
        var request = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF",
                "relocation-muster", 5);
        var driver = browser.driver;
        browser.size(1280, 800);

        driver.get(url("/portal"));
        browser.waiting().until(urlContains(SharedKeycloak.issuer()));
        driver.findElement(By.id("username")).sendKeys("rosa.keller");
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("kc-login")).click();
        browser.waiting().until(presenceOfElementLocated(By.id("inbox")));
        assertThat(driver.findElement(By.tagName("header")).getText()).contains("Rosa Keller", "relocation-muster");
        assertThat(driver.findElement(By.id("inbox")).getText()).contains(request.caseId,
                "Übergabe an Bevollmächtigte");
        browser.assertAccessible("portal inbox");
        browser.screenshot("portal-inbox");

        browser.follow(driver.findElement(By.cssSelector("a[data-request='" + request.id + "']")));
        browser.waiting().until(presenceOfElementLocated(By.id("request-facts")));
        assertThat(driver.findElement(By.id("request-data")).getText()).contains("Arbeitsvertrag");
        browser.assertAccessible("portal request");

        browser.follow(driver.findElement(By.id("claim")));
        browser.waiting().until(urlContains("done=claim"));
        assertThat(driver.findElement(By.id("claimed-by")).getText()).isEqualTo("rosa.keller");

        // Declining without reasons: the service refuses, the page says why next to the field.
        new Select(driver.findElement(By.id("answer-outcome"))).selectByValue("DECLINED");
        browser.follow(driver.findElement(By.id("send-answer")));
        browser.waiting().until(presenceOfElementLocated(By.id("answer-reasons-error")));
        assertThat(driver.findElement(By.id("answer-reasons")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible("portal answer refused");
        browser.screenshot("portal-request");

        driver.findElement(By.id("answer-reasons")).sendKeys("Mandat beendet");
        browser.follow(driver.findElement(By.id("send-answer")));
        browser.waiting().until(urlContains("done=answer"));
        assertThat(driver.findElement(By.id("answer-given")).getText()).contains("Abgelehnt", "Mandat beendet");
        assertThat(request.state).isEqualTo("ANSWERED");
        browser.assertAccessible("portal request answered");

        // English, and at tablet width.
        browser.size(800, 1100);
        browser.follow(driver.findElement(By.cssSelector("a[lang='en']")));
        browser.waiting().until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        browser.assertAccessible("portal request, English, tablet");
    }

    @Test
    void shouldAnswerARecognitionWithItsOwnFieldsAndCompensationMeasures() {
        var request = InMemoryInteractionServices.deliver("recognition", "RECOGNITION", "relocation-muster", 5);
        var driver = browser.driver;
        browser.size(1280, 800);
        String page = url("/portal/recognition/requests/" + request.id);
        driver.get(page);
        browser.waiting().until(urlContains(SharedKeycloak.issuer()));
        driver.findElement(By.id("username")).sendKeys("rosa.keller");
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.id("kc-login")).click();
        browser.waiting().until(presenceOfElementLocated(By.id("answer-form")));
        assertThat(driver.findElement(By.id("answer-equivalence")).getAttribute("aria-required")).isEqualTo("true");
        assertThat(driver.findElement(By.id("answer-compensationMeasures-0")).getTagName()).isEqualTo("fieldset");
        browser.assertAccessible("portal recognition request");

        new Select(driver.findElement(By.id("answer-outcome"))).selectByValue("GRANTED_WITH_CONDITIONS");
        new Select(driver.findElement(By.id("answer-equivalence"))).selectByValue("PARTIAL");
        driver.findElement(By.id("answer-reference")).sendKeys("LAGeSo-A-2026-0815");
        browser.follow(driver.findElement(By.id("send-answer")));
        // Partial recognition needs its compensation measures: the refusal shows at the first measure's fieldset.
        browser.waiting().until(presenceOfElementLocated(By.id("answer-compensationMeasures-0-error")));
        assertThat(driver.findElement(By.id("answer-reference")).getAttribute("value")).isEqualTo("LAGeSo-A-2026-0815");
        browser.assertAccessible("portal recognition refused");
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})",
                driver.findElement(By.id("answer-compensationMeasures-0")));
        browser.screenshot("portal-recognition");

        new Select(driver.findElement(By.id("answer-compensationMeasures-0-type"))).selectByValue("ADAPTATION_PERIOD");
        driver.findElement(By.id("answer-compensationMeasures-0-description")).sendKeys("Anpassungslehrgang Pflege");
        driver.findElement(By.id("answer-compensationMeasures-0-durationMonths")).sendKeys("6");
        browser.follow(driver.findElement(By.id("send-answer")));
        browser.waiting().until(urlContains("done=answer"));
        assertThat(request.answer.toString()).isEqualTo("{\"outcome\":\"GRANTED_WITH_CONDITIONS\","
                + "\"equivalence\":\"PARTIAL\",\"reference\":\"LAGeSo-A-2026-0815\",\"compensationMeasures\":"
                + "[{\"type\":\"ADAPTATION_PERIOD\",\"description\":\"Anpassungslehrgang Pflege\","
                + "\"durationMonths\":6}]}");
        assertThat(driver.findElement(By.id("answer-given")).getText()).contains("Erteilt mit Auflagen");
        assertThat(driver.findElement(By.id("answer-details")).getText()).contains("Teilweise Gleichwertigkeit",
                "LAGeSo-A-2026-0815", "Anpassungslehrgang Pflege");
        browser.assertAccessible("portal recognition answered");
    }
}
