package de.fallnetz.recognition;

import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.PartnerCalls;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A recognition answer says full, partial or no equivalence, with the decision's reference (its answer schema). */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "recognition"))
class RecognitionAnswerTest {

    private static final String ZAB = "zab";
    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.RECOGNITION);

    @Test
    void shouldTakeAPartialRecognitionWithItsCompensationMeasuresAndTellTheOffice() {
        Sent r = delivered();

        assertThat(PartnerCalls.answer(ZAB, r.interactionId(), """
                {"outcome":"GRANTED_WITH_CONDITIONS","equivalence":"PARTIAL","reference":"LAGeSo-A-2026-0815",
                 "compensationMeasures":[{"type":"ADAPTATION_PERIOD","description":"Anpassungslehrgang Pflege",
                 "durationMonths":6}]}""")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        String answered = requests.published(r, INTERACTION_ANSWERED).get(0);
        assertThat(EventSamples.violations(INTERACTION_ANSWERED, answered)).isEmpty();
        assertThat(answered).contains("reference: LAGeSo-A-2026-0815", "equivalence: PARTIAL",
                "compensationMeasure: ADAPTATION_PERIOD (Anpassungslehrgang Pflege), 6 months");
    }

    @Test
    void shouldRefuseAnswersThatContradictTheirEquivalenceOrLackTheReference() {
        Sent r = delivered();

        // A partial recognition needs its measures; a full one has none; no equivalence needs reasons.
        assertThat(PartnerCalls.answer(ZAB, r.interactionId(),
                "{\"outcome\":\"GRANTED_WITH_CONDITIONS\",\"equivalence\":\"PARTIAL\",\"reference\":\"A-1\"}"))
                .isEqualTo(400);
        assertThat(PartnerCalls.answer(ZAB, r.interactionId(),
                "{\"outcome\":\"GRANTED\",\"equivalence\":\"PARTIAL\",\"reference\":\"A-1\"}")).isEqualTo(400);
        assertThat(PartnerCalls.answer(ZAB, r.interactionId(),
                "{\"outcome\":\"REFUSED\",\"equivalence\":\"NONE\",\"reference\":\"A-1\"}")).isEqualTo(400);
        String token = PartnerTokens.shared().mint(ZAB);
        String etag = given().auth().oauth2(token).when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(token).header("If-Match", etag).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body("{\"outcome\":\"GRANTED\",\"compensationMeasures\":[{}]}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", hasItems("/equivalence", "/reference", "/compensationMeasures/0/type"));

        assertThat(requests.published(r, INTERACTION_ANSWERED)).isEmpty();
        assertThat(PartnerCalls.answer(ZAB, r.interactionId(),
                "{\"outcome\":\"GRANTED\",\"equivalence\":\"FULL\",\"reference\":\"ZAB-2026-004711\"}"))
                .isEqualTo(200);
    }

    private Sent delivered() {
        Sent r = requests.request(Map.of("kind", "RECOGNITION", "partnerOrganisation", ZAB));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        return r;
    }
}
