package de.fallnetz.gateway.ui;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.OK;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;

/**
 * The pages' new endpoints (live events, search by date of birth, the team lead's figures) by role, signed in through
 * the pages' session (not a bearer token, which AuthorizationMatrixTest covers for the APIs). Not signed in: the
 * identity provider's sign-in (ClerkUiResourceTest).
 */
@QuarkusTest
@TestProfile(InMemoryCaseServiceProfile.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class UiAuthorizationTest {

    private static final String[] CLERK_PAGES = { "/ui/events", "/ui/search?dob=1994-03-17", "/ui/notifications" };

    @Test
    @TestSecurity(user = "dora.fischer", roles = "dpo")
    void shouldKeepTheDataProtectionOfficerOutOfTheClerksPages() {
        for (String page : CLERK_PAGES) {
            given().when().get(page).then().statusCode(FORBIDDEN.getStatusCode());
        }
        given().when().get("/ui/team").then().statusCode(FORBIDDEN.getStatusCode());
    }

    @Test
    @TestSecurity(user = "otto.wagner", roles = "operator")
    void shouldKeepTheOperatorOutOfTheClerksPages() {
        for (String page : CLERK_PAGES) {
            given().when().get(page).then().statusCode(FORBIDDEN.getStatusCode());
        }
        given().when().get("/ui/team").then().statusCode(FORBIDDEN.getStatusCode());
    }

    @Test
    @TestSecurity(user = "anna.schmidt", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldLetAClerkSearchAndListenButNotSeeTheTeamFigures() {
        given().when().get("/ui/search?dob=1994-03-17").then().statusCode(OK.getStatusCode());
        given().when().get("/ui/notifications").then().statusCode(OK.getStatusCode());
        given().when().get("/ui/team").then().statusCode(FORBIDDEN.getStatusCode());
    }

    @Test
    @TestSecurity(user = "tom.becker", roles = { "team-lead", "clerk" }, attributes = @SecurityAttribute(
            key = "office_id", value = "abh-berlin"))
    void shouldShowTheTeamLeadTheFigures() {
        given().when().get("/ui/team").then().statusCode(OK.getStatusCode());
    }
}
