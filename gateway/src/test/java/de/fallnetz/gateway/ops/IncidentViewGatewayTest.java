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
import java.util.Map;

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
 * The gateway gathers every service's incidents for operators (Keycloak's demo operator otto.wagner), passes their
 * actions on with the internal token, and audits each action; nobody else gets in.
 */
@QuarkusTest
@TestProfile(ServicesWithIncidentsStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class IncidentViewGatewayTest {

    private final AgroalDataSource dataSource;

    IncidentViewGatewayTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(SharedKeycloak.tokens().user("otto.wagner"));
    }

    @Test
    void operatorSeesEveryServiceTogetherAndWhichOneDidNotAnswer() {
        asOperator().get("/api/ops/incidents").then().statusCode(200)
                .body("parkedEvents", equalTo(1)).body("stuckOutboxEvents", equalTo(1))
                .body("unreachableServices", equalTo(1))
                .body("services[0].service", equalTo("case-service"))
                .body("services[0].parkedEvents[0].caseId", equalTo("C-42"))
                .body("services[0].parkedEvents[0].consumer", equalTo("case-service"))
                .body("services[0].parkedEvents[0].attempts", equalTo(2))
                .body("services[0].consumerLag[0].lag", equalTo(4))
                .body("services[1].service", equalTo("notification-service"))
                .body("services[1].error", equalTo("not reachable"));

        String[] call = lastCall("/ops/v1/incidents");
        String claims = new String(Base64.getUrlDecoder().decode(call[2].substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).contains("operator").contains("otto.wagner");
    }

    @Test
    void retryAndDiscardArePassedOnAndAudited() throws Exception {
        // RestAssured sends a bodiless POST as a form, which the pages' CSRF check takes for one; API calls send JSON.
        asOperator().contentType(ContentType.JSON).post("/api/ops/case-service/parked-events/7/retry").then()
                .statusCode(200)
                .body("status", equalTo("retried"));
        asOperator().contentType(ContentType.JSON).body(Map.of("reason", "duplicate of a corrected answer"))
                .post("/api/ops/case-service/parked-events/7/discard").then().statusCode(200)
                .body("status", equalTo("discarded"));
        assertThat(lastCall("/ops/v1/parked-events/7/discard")[3]).contains("duplicate of a corrected answer");

        assertThat(audited("ops.retry")).contains("otto.wagner|case-service parked-event 7");
        assertThat(audited("ops.discard"))
                .contains("otto.wagner|case-service parked-event 7|operator: duplicate of a corrected answer");
    }

    @Test
    void aDiscardNeedsAReasonAndAnUnknownServiceIsNotFound() {
        asOperator().contentType(ContentType.JSON).body(Map.of("reason", "  "))
                .post("/api/ops/case-service/parked-events/7/discard").then().statusCode(400);
        asOperator().contentType(ContentType.JSON).post("/api/ops/no-such-service/parked-events/7/retry").then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyOperatorsGetIn() {
        given().get("/api/ops/incidents").then().statusCode(401);
        given().auth().oauth2(SharedKeycloak.tokens().user("anna.schmidt")).get("/api/ops/incidents").then()
                .statusCode(403);
        given().auth().oauth2(SharedKeycloak.tokens().user("anna.schmidt"))
                .post("/api/ops/case-service/parked-events/7/retry").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "otto.wagner", roles = "operator")
    void pageListsTheIncidentsWithoutEventDataAndOffersTheActions() {
        given().get("/ui/ops").then().statusCode(200)
                .body(containsString("C-42"))
                .body(containsString("lacks the required field outcome"))
                .body(containsString("action=\"/ui/ops/case-service/parked-events/7/discard\""))
                .body(containsString("action=\"/ui/ops/case-service/outbox/3/release\""))
                .body(containsString("Nicht erreichbar: not reachable"));
        CsrfForms.request().redirects().follow(false).formParam("id", "7").post("/ui/ops/case-service/retry").then()
                .statusCode(303).header("Location", containsString("notice="));
        CsrfForms.request().redirects().follow(false).formParam("reason", "")
                .post("/ui/ops/case-service/parked-events/7/discard")
                .then().statusCode(303).header("Location", containsString("error="));
        // A form sent from another site carries no token: refused before anything is retried.
        given().redirects().follow(false).formParam("id", "7").post("/ui/ops/case-service/retry").then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "anna.schmidt", roles = "clerk")
    void pageIsForOperatorsOnly() {
        given().get("/ui/ops").then().statusCode(403);
    }

    private static String[] lastCall(String path) {
        String[] last = null;
        for (String[] call : ServicesWithIncidentsStub.CALLS) {
            if (call[1].equals(path)) {
                last = call;
            }
        }
        assertThat(last).as("a call of " + path).isNotNull();
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
        return rows.stream().map(r -> action.equals("ops.retry") ? r.substring(0, r.lastIndexOf('|')) : r).toList();
    }
}
