package de.fallnetz.baconsent;

import static de.fallnetz.baconsent.BaPartner.asBa;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_EXPIRED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.interactions.deadline.DeadlineScheduler;
import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "ba-consent"))
class BaPreApprovalTest {

    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.BA_CONSENT);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldLetAGrantedPreApprovalExpireAfterSixMonthsAndNeverDeemItGranted() {
        Sent r = requests.request(Map.of("kind", "BA_PRE_APPROVAL", "deadline", deadline(2, "WEEKS",
                "DEEMED_GRANTED", "§36 Abs. 3 BeschV")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(InteractionTestEvents.field(requests.published(r, INTERACTION_DELIVERED).get(0), "dueAt")).isNull();
        assertThat(requests.timers(r, "DUE")).isZero();

        String etag = asBa().when().get("/partner/v1/requests/{id}", r.interactionId()).then()
                .statusCode(OK.getStatusCode()).extract().header("ETag");
        asBa().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"outcome\":\"GRANTED\"}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("ANSWERED"));
        Instant granted = clock.instant();

        clock.advance(Duration.between(clock.instant(), granted.atZone(InteractionClock.ZONE).plusMonths(6)
                .truncatedTo(ChronoUnit.DAYS).toInstant()));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_EXPIRED)).isEmpty();

        clock.advance(Duration.ofDays(2));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_EXPIRED).size() == 1);
        assertThat(EventSamples.violations(INTERACTION_EXPIRED, requests.published(r, INTERACTION_EXPIRED).get(0)))
                .isEmpty();
        asBa().queryParam("state", "EXPIRED").when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("EXPIRED"));
    }
}
