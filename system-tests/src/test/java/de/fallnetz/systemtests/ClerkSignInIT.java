package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlContains;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

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
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        system = RunningSystem.get();
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
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
        ChromeDriver driver = browser.driver;

        browser.signIn(gateway + "/ui", "anna.schmidt", By.id("worklist"));
        assertThat(driver.getCurrentUrl()).startsWith(gateway + "/ui");
        assertThat(driver.findElement(By.tagName("header")).getText()).contains("Anna Schmidt", "abh-berlin");
        assertThat(driver.findElement(By.id("worklist")).getText()).contains("Nguyen");

        driver.get(gateway + "/ui/cases/" + ownCase);
        browser.waiting().until(presenceOfElementLocated(By.id("case-status")));
        assertThat(driver.getPageSource()).contains(ownCase);

        driver.get(gateway + "/ui/cases/" + otherOfficesCase);
        browser.waiting().until(presenceOfElementLocated(By.tagName("h1")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("404");
        assertThat(driver.findElements(By.id("case-status"))).isEmpty();

        driver.findElement(By.id("sign-out")).click();
        browser.waiting().until(d -> !d.getCurrentUrl().startsWith(gateway + "/ui"));
        driver.get(gateway + "/ui");
        browser.waiting().until(urlContains(SharedKeycloak.issuer()));
        assertThat(driver.findElements(By.id("username"))).isNotEmpty();
    }
}
