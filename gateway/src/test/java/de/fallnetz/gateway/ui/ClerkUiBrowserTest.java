package de.fallnetz.gateway.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;

/**
 * A clerk works a case through in real headless Chromium: opens it, finds it in the worklist, ticks the checklist,
 * watches the partner's answer arrive without reloading, previews and issues the decision, downloads the letter. Every
 * page is checked with axe-core. Sign-in is simulated with {@link TestSecurity} until the gateway's OIDC login lands.
 */
@QuarkusTest
@TestProfile(InMemoryCaseServiceProfile.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class ClerkUiBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    @RestClient
    InMemoryCaseService caseService;

    @Inject
    @RestClient
    InMemoryNotificationService notifications;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start("de-DE");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = {
            @SecurityAttribute(key = "office_id", value = "abh-berlin"),
            @SecurityAttribute(key = "name", value = "Erika Mustermann") })
    void shouldOpenACaseWorkItThroughToTheDecisionAndDownloadTheLetter() {
        var driver = browser.driver;
        browser.size(1280, 800);

        // Open a case on behalf of the applicant; the postal code answers with the competent office.
        driver.get(url("/ui/new"));
        browser.assertAccessible("open a case");
        driver.findElement(By.id("familyName")).sendKeys("Nguyen");
        driver.findElement(By.id("givenNames")).sendKeys("Thi Lan");
        driver.executeScript("arguments[0].value = '1994-03-17'", driver.findElement(By.id("dateOfBirth")));
        driver.findElement(By.id("nationality")).sendKeys("VNM");
        driver.findElement(By.id("app-postalCode")).sendKeys("10115");
        browser.waiting().until(textToBePresentInElementLocated(By.id("jurisdiction"), "abh-berlin"));
        driver.findElement(By.id("app-employer")).sendKeys("Beispiel Software GmbH, Berlin");
        driver.findElement(By.id("app-grossAnnualSalaryEur")).sendKeys("58000");
        new Select(driver.findElement(By.id("app-salaryBand"))).selectByValue("GENERAL");
        browser.assertAccessible("open a case, filled in");
        browser.screenshot("open-case");
        browser.follow(driver.findElement(By.id("open-case")));
        browser.waiting().until(urlContains("done=opened"));
        String caseId = driver.getCurrentUrl().replaceAll(".*/ui/cases/([0-9a-f-]{36}).*", "$1");

        // The worklist shows it.
        driver.get(url("/ui"));
        assertThat(driver.findElement(By.id("worklist")).getText()).contains("Nguyen, Thi Lan");
        browser.assertAccessible("worklist");
        browser.screenshot("worklist");

        // The case page: tick the checklist item by item.
        browser.follow(driver.findElement(By.linkText("Nguyen, Thi Lan")));
        browser.waiting().until(urlContains(caseId));
        browser.assertAccessible("case page");
        browser.screenshot("case-page-new");
        browser.follow(driver.findElement(By.id("assign-to-me")));
        browser.waiting().until(urlContains("done=assignment"));
        for (int i = 0; i < 10; i++) {
            List<WebElement> ticks = driver.findElements(By.cssSelector("button[data-tick]"));
            if (ticks.isEmpty()) {
                break;
            }
            browser.follow(ticks.get(0));
            browser.waiting().until(urlContains("done=tick"));
        }
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("Beteiligungen laufen");
        assertThat(driver.findElement(By.id("interactions")).getText()).contains("ba-zav", "Zugestellt");

        // The BA answers while the page is open; notification-service's live event makes the page show it without
        // being reloaded, and the page and the bell announce it.
        long shown = System.nanoTime();
        driver.get(url("/ui/cases/" + caseId));
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.streamOpenedAfter(shown));
        caseService.partnersAnswer(caseId);
        notifications.notify("abh-berlin", caseId, "PARTNER_ANSWERED", "Neue Antwort von ba-zav (BA_CONSENT): GRANTED");
        browser.waiting().until(textToBePresentInElementLocated(By.id("interactions"), "Beantwortet"));
        browser.waiting().until(textToBePresentInElementLocated(By.id("timeline"), "Zustimmung erteilt"));
        browser.waiting().until(d -> d.findElement(By.id("live-announcer")).getAttribute("textContent")
                .contains("Verlauf"));
        browser.waiting().until(textToBePresentInElementLocated(By.id("notification-bell"), "Benachrichtigungen (1)"));
        browser.waiting().until(d -> d.findElement(By.id("bell-announcer")).getAttribute("textContent")
                .contains("Neue Benachrichtigung: Neue Antwort von ba-zav"));
        browser.assertAccessible("case page after a live update");
        browser.follow(driver.findElement(By.linkText("Seite neu laden")));
        browser.waiting().until(textToBePresentInElementLocated(By.id("case-status"), "Entscheidungsreif"));

        // Decide, with a preview of the letter first.
        driver.findElement(By.id("decision-basis")).sendKeys("§18g Abs. 1 AufenthG");
        browser.click(driver.findElement(By.id("decision-preview-button")));
        browser.waiting().until(textToBePresentInElementLocated(By.id("decision-preview"), "Erteilung"));
        browser.assertAccessible("decision preview");
        browser.screenshot("case-page");
        browser.follow(driver.findElement(By.id("decide")));
        browser.waiting().until(urlContains("done=decision"));
        assertThat(driver.findElement(By.id("case-status")).getText()).isEqualTo("Entschieden");

        // The decision letter downloads as PDF.
        String letter = driver.findElement(By.cssSelector("#documents a")).getAttribute("href");
        byte[] pdf = given().when().get(letter).then().statusCode(200).contentType("application/pdf").extract()
                .asByteArray();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        browser.assertAccessible("decided case");

        // In English, and on a tablet.
        browser.follow(driver.findElement(By.cssSelector("a[lang='en']")));
        browser.waiting().until(textToBePresentInElementLocated(By.id("case-status"), "Decided"));
        browser.size(800, 1100);
        driver.get(url("/ui"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Worklist");
        browser.assertAccessible("worklist in English on a tablet");
        browser.screenshot("worklist-tablet-en");
        browser.follow(driver.findElement(By.cssSelector("a[lang='de']")));
        browser.waiting().until(textToBePresentInElementLocated(By.tagName("h1"), "Arbeitsliste"));
    }

    @Test
    @TestSecurity(user = "lead-berlin", roles = "team-lead", attributes = {
            @SecurityAttribute(key = "office_id", value = "abh-berlin") })
    void shouldShowTheTeamLeadTheBacklogAndLetEveryoneSearch() {
        var driver = browser.driver;
        browser.size(1280, 800);
        driver.get(url("/ui/team"));
        assertThat(driver.findElement(By.id("backlog")).isDisplayed()).isTrue();
        browser.assertAccessible("team-lead view");
        browser.screenshot("team");
        driver.get(url("/ui/search"));
        browser.assertAccessible("search");
        driver.findElement(By.id("search-q")).sendKeys("Ngu");
        driver.findElement(By.id("search-q")).submit();
        browser.waiting().until(urlContains("q=Ngu"));
        browser.assertAccessible("search results");
    }
}
