package de.fallnetz.securitycheck;

import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DEEMED_GRANTED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ESCALATED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.interactions.deadline.DeadlineScheduler;
import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "security-check"))
class SecurityCheckPolicyTest {

    private static final String BVA = "bva";
    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.SECURITY_CHECK);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldNeverTurnConcernsIntoAGrantAndMakeThemBinding() {
        Sent r = national();
        String etag = asBva().when().get("/partner/v1/requests/{id}", r.interactionId()).then()
                .statusCode(OK.getStatusCode()).extract().header("ETag");
        asBva().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"outcome\":\"CONCERNS\"}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .body("invalidParams.name", hasItems("/reasonCode", "/reasons"));
        asBva().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"outcome\":\"CONCERNS\",\"reasons\":\"Erkenntnisse des LfV\"}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(BAD_REQUEST.getStatusCode()).body("invalidParams[0].name", equalTo("/reasonCode"));
        asBva().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"outcome\":\"GRANTED\"}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(BAD_REQUEST.getStatusCode()).body("invalidParams[0].name", equalTo("/outcome"));
        asBva().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"outcome\":\"CONCERNS\",\"reasonCode\":\"WEATHER\","
                        + "\"reasons\":\"x\"}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(BAD_REQUEST.getStatusCode()).body("invalidParams[0].name", equalTo("/reasonCode"));
        asBva().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"outcome\":\"CONCERNS\",\"reasonCode\":\"VIOLENT_EXTREMISM\","
                        + "\"reasons\":\"Erkenntnisse des LfV\"}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("answerDetails.reasonCode", equalTo("VIOLENT_EXTREMISM"));

        clock.advance(Duration.ofDays(60));
        deadlines.fireDue();

        String answered = requests.published(r, INTERACTION_ANSWERED).get(0);
        assertThat(field(answered, "outcome")).isEqualTo("CONCERNS");
        assertThat(field(answered, "binding")).isEqualTo("true");
        assertThat(field(answered, "reasons")).isEqualTo("VIOLENT_EXTREMISM: Erkenntnisse des LfV");
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
        assertThat(requests.published(r, INTERACTION_ESCALATED)).isEmpty();
    }

    @Test
    void shouldRemindAfterTenAndEscalateAfterTwentyWorkingDaysOfSilence() {
        Sent r = national();
        Instant due = Instant.parse(field(requests.published(r, INTERACTION_DELIVERED).get(0), "dueAt"));
        // 20 working days are at least 4 weeks, and a few holidays at most add a week.
        assertThat(Duration.between(clock.instant(), due)).isBetween(Duration.ofDays(25), Duration.ofDays(36));

        clock.advance(Duration.ofDays(16));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ESCALATED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_ESCALATED).get(0), "dueAt")).isNull();

        clock.advance(Duration.between(clock.instant(), due).plusHours(1));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ESCALATED).size() == 2);
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
    }

    @Test
    void shouldCountSevenCalendarDaysOfSilenceAsNoObjectionInTheSchengenConsultation() {
        Sent r = requests.request(Map.of("kind", "SCHENGEN_CONSULTATION", "partnerOrganisation", BVA,
                "deadline", deadline(7, "CALENDAR_DAYS", "NO_OBJECTION", "Art. 22 Visakodex")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);

        clock.advance(Duration.ofDays(6));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();

        clock.advance(Duration.ofDays(2));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_DEEMED_GRANTED).size() == 1);
        String noObjection = requests.published(r, INTERACTION_DEEMED_GRANTED).get(0);
        assertThat(EventSamples.violations(INTERACTION_DEEMED_GRANTED, noObjection)).isEmpty();
        assertThat(field(noObjection, "legalBasis")).isEqualTo("Art. 22 Visakodex");
    }

    private Sent national() {
        Sent r = requests.request(Map.of("kind", "SECURITY_CHECK", "partnerOrganisation", BVA,
                "deadline", deadline(20, "WORKING_DAYS", "ESCALATE", "§73 AufenthG")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        return r;
    }

    private static RequestSpecification asBva() {
        return given().auth().oauth2(PartnerTokens.shared().mint(BVA));
    }
}
