package de.fallnetz.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.SharedKeycloak;
import de.fallnetz.gateway.CsrfForms;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Operators (Keycloak's demo operator otto.wagner) allow a webhook subscription's private-network target, and
 * withdraw it, through the gateway: passed on to notification-service with the internal token, audited, and its
 * answer passed back as it came; nobody else gets in.
 */
@QuarkusTest
@TestProfile(NotificationServiceWithSubscriptionsStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class WebhookApprovalGatewayTest {

    private static final String KNOWN = NotificationServiceWithSubscriptionsStub.KNOWN;
    private static final String PATH = "/api/ops/webhook-subscriptions/{id}/private-network";

    private final AgroalDataSource dataSource;

    WebhookApprovalGatewayTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    // RestAssured sends a bodiless request as a form, which the pages' CSRF check takes for one; API calls send JSON.
    private static RequestSpecification as(String user) {
        return given().auth().oauth2(SharedKeycloak.tokens().user(user)).contentType(ContentType.JSON);
    }

    @Test
    void operatorAllowsAndWithdrawsWithTheInternalTokenAndIsAudited() throws Exception {
        as("otto.wagner").put(PATH, KNOWN).then().statusCode(200)
                .body("id", equalTo(KNOWN)).body("privateNetworkAllowed", equalTo(true));
        String[] call = lastCall("PUT", "/operator/webhook-subscriptions/" + KNOWN + "/private-network");
        String claims = new String(Base64.getUrlDecoder().decode(call[2].substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).contains("operator").contains("otto.wagner");

        as("otto.wagner").delete(PATH, KNOWN).then().statusCode(200).body("privateNetworkAllowed", equalTo(false));
        lastCall("DELETE", "/operator/webhook-subscriptions/" + KNOWN + "/private-network");

        assertThat(audited(WebhookApprovalService.ALLOW)).contains(
                "otto.wagner|notification-service webhook-subscription " + KNOWN
                        + "|operator: allow a private-network target");
        assertThat(audited(WebhookApprovalService.WITHDRAW)).contains(
                "otto.wagner|notification-service webhook-subscription " + KNOWN
                        + "|operator: withdraw the private-network permission");
    }

    @Test
    void anUnknownSubscriptionIsNotFoundAsNotificationServiceSaysIt() {
        as("otto.wagner").put(PATH, "11111111-2222-4333-8444-555555555555").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("Subscription not found"));
    }

    @Test
    void anIdThatIsNoSubscriptionIdIsNotFoundWithoutBeingSentOn() {
        int calls = NotificationServiceWithSubscriptionsStub.CALLS.size();
        as("otto.wagner").put(PATH, "not-a-subscription").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(NotificationServiceWithSubscriptionsStub.CALLS).hasSize(calls);
    }

    @Test
    void notificationServiceFailingMidCallIsAServiceUnavailableProblem() {
        as("otto.wagner").put(PATH, NotificationServiceWithSubscriptionsStub.CUT_OFF).then().statusCode(503)
                .contentType("application/problem+json").body("status", equalTo(503));
    }

    @Test
    void onlyOperatorsGetIn() {
        given().contentType(ContentType.JSON).put(PATH, KNOWN).then().statusCode(401);
        as("anna.schmidt").put(PATH, KNOWN).then().statusCode(403);
        as("anna.schmidt").delete(PATH, KNOWN).then().statusCode(403);
        given().auth().oauth2(SharedKeycloak.tokens().partner("ba-zav")).contentType(ContentType.JSON)
                .put(PATH, KNOWN).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "otto.wagner", roles = "operator")
    void theIncidentPageAllowsAndWithdrawsByForm() {
        String form = "/ui/ops/webhook-subscriptions/private-network";
        given().get("/ui/ops").then().statusCode(200).body(containsString("action=\"" + form + "\""));
        int calls = NotificationServiceWithSubscriptionsStub.CALLS.size();
        CsrfForms.request().redirects().follow(false).formParam("id", " " + KNOWN + " ").formParam("allow", "true")
                .post(form).then().statusCode(303).header("Location", containsString("notice="));
        CsrfForms.request().redirects().follow(false).formParam("id", KNOWN).formParam("allow", "false")
                .post(form).then().statusCode(303).header("Location", containsString("notice="));
        assertThat(NotificationServiceWithSubscriptionsStub.CALLS.subList(calls, calls + 2))
                .extracting(call -> call[0]).containsExactly("PUT", "DELETE");
        CsrfForms.request().redirects().follow(false).formParam("id", "11111111-2222-4333-8444-555555555555")
                .formParam("allow", "true").post(form).then().statusCode(303)
                .header("Location", containsString("error="));
        // A form sent from another site carries no token: refused before anything is passed on.
        given().redirects().follow(false).formParam("id", KNOWN).formParam("allow", "true").post(form).then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "anna.schmidt", roles = "clerk")
    void theFormIsForOperatorsOnly() {
        CsrfForms.request().redirects().follow(false).formParam("id", KNOWN).formParam("allow", "true")
                .post("/ui/ops/webhook-subscriptions/private-network").then().statusCode(403);
    }

    private static String[] lastCall(String method, String path) {
        String[] last = null;
        for (String[] call : NotificationServiceWithSubscriptionsStub.CALLS) {
            if (call[0].equals(method) && call[1].equals(path)) {
                last = call;
            }
        }
        assertThat(last).as("a " + method + " of " + path).isNotNull();
        return last;
    }

    private List<String> audited(String action) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select actor, fields, grounds from audit_log where action = ? order by id")) {
            ps.setString(1, action);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
                }
            }
        }
        return rows;
    }
}
