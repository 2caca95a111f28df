package de.fallnetz.baconsent;

import static de.fallnetz.baconsent.BaPartner.asBa;
import static de.fallnetz.contracts.events.EventType.INTERACTION_CANCELLED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DEEMED_GRANTED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
import de.fallnetz.interactions.deadline.DeadlineCalculator;
import de.fallnetz.interactions.deadline.DeadlineScheduler;
import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "ba-consent"))
class BaConsentDeadlineTest {

    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.BA_CONSENT);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldDeemConsentGrantedOnceWhenTheBaIsSilentForTwoWeeks() {
        Sent r = requests.request(Map.of());
        Instant due = delivered(r, 14);

        clock.advance(Duration.between(clock.instant(), due).minusHours(1));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();

        clock.advance(Duration.ofHours(2));
        deadlines.fireDue();
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_DEEMED_GRANTED).size() == 1);
        String deemed = requests.published(r, INTERACTION_DEEMED_GRANTED).get(0);
        assertThat(EventSamples.violations(INTERACTION_DEEMED_GRANTED, deemed)).isEmpty();
        assertThat(Instant.parse(field(deemed, "dueAt"))).isEqualTo(due);
        assertThat(field(deemed, "legalBasis")).isEqualTo("§39 AufenthG, §36(2) BeschV");
        asBa().when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("DEEMED_GRANTED"));
    }

    @Test
    void shouldDeemConsentGrantedByTheSchedulersOwnPollOnceTheDeadlineHasPassed() {
        Sent r = requests.request(Map.of());
        Instant due = delivered(r, 14);

        // No fireDue() here: the scheduler's poll first asks whether anything is due, then fires it.
        clock.advance(Duration.between(clock.instant(), due).plusMinutes(1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_DEEMED_GRANTED).size() == 1);
        asBa().when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("DEEMED_GRANTED"));
    }

    @Test
    void shouldDeemConsentGrantedAfterOneWeekInTheAcceleratedProcedure() {
        Sent r = requests.request(Map.of("accelerated", true, "deadline", deadline(1, "WEEKS", "DEEMED_GRANTED", "§36 Abs. 2 Satz 2 BeschV")));
        Instant due = delivered(r, 7);

        clock.advance(Duration.between(clock.instant(), due).minusHours(1));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();

        clock.advance(Duration.ofHours(2));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_DEEMED_GRANTED).size() == 1);
    }

    @Test
    void shouldStopTheFictionWhileInformationIsMissingAndResumeWithTheTimeThatWasLeft() {
        Sent r = requests.request(Map.of());
        Instant due = delivered(r, 14);
        clock.advance(Duration.ofDays(4));
        Duration left = Duration.between(clock.instant(), due);

        String etag = asBa().when().get("/partner/v1/requests/{id}", r.interactionId()).then()
                .statusCode(OK.getStatusCode()).extract().header("ETag");
        asBa().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body("{\"missing\":\"Wöchentliche Arbeitszeit\"}")
                .when().post("/partner/v1/requests/{id}/information-requests", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("INFORMATION_REQUESTED"));

        clock.advance(Duration.ofDays(30));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
        assertThat(requests.timers(r, "DUE")).isZero();

        requests.supply(r, Map.of("weeklyHours", 40));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 2);
        String resumed = requests.published(r, INTERACTION_DELIVERED).get(1);
        Duration newDeadline = Duration.between(Instant.parse(field(resumed, "deliveredAt")),
                Instant.parse(field(resumed, "dueAt")));
        assertThat(newDeadline).isBetween(left.minusSeconds(5), left.plusSeconds(5));
        asBa().when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode())
                .body("state", equalTo("DELIVERED"))
                .body("data.weeklyHours", equalTo(40));

        clock.advance(left.plusMinutes(1));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_DEEMED_GRANTED).size() == 1);
    }

    @Test
    void shouldConfirmACancellationAndNeverDeemAWithdrawnRequestGranted() {
        Sent r = requests.request(Map.of());
        delivered(r, 14);

        requests.cancel(r);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_CANCELLED).size() == 1);
        assertThat(EventSamples.violations(INTERACTION_CANCELLED, requests.published(r, INTERACTION_CANCELLED)
                .get(0))).isEmpty();

        clock.advance(Duration.ofDays(15));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
    }

    /** Waits for the delivery and checks its due date: 24:00 German time, {@code days} after the day of delivery. */
    private Instant delivered(Sent r, int days) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        String delivered = requests.published(r, INTERACTION_DELIVERED).get(0);
        assertThat(EventSamples.violations(INTERACTION_DELIVERED, delivered)).isEmpty();
        Instant deliveredAt = Instant.parse(field(delivered, "deliveredAt"));
        Instant due = Instant.parse(field(delivered, "dueAt"));
        assertThat(due).isEqualTo(DeadlineCalculator.endOf(
                deliveredAt.atZone(InteractionClock.ZONE).toLocalDate().plusDays(days)));
        return due;
    }
}
