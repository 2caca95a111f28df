package de.fallnetz.integrationcourse;

import static de.fallnetz.contracts.events.EventType.INTERACTION_DEEMED_GRANTED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ESCALATED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_EXPIRED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.PartnerCalls;
import de.fallnetz.interactions.deadline.DeadlineScheduler;
import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "integration-course"))
class IntegrationCoursePolicyTest {

    private static final String BAMF = "bamf";
    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.INTEGRATION_COURSE);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldRunNoDeadlineAndLetAnAcknowledgedEntitlementLapseOneYearLater() {
        Sent r = requests.request(Map.of("kind", "INTEGRATION_COURSE", "partnerOrganisation", BAMF,
                "deadline", deadline(0, "NONE", "NONE", "§44 AufenthG")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_DELIVERED).get(0), "dueAt")).isNull();
        assertThat(requests.timers(r, "DUE")).isZero();

        // A confirmed entitlement carries the BAMF's reference.
        assertThat(PartnerCalls.answer(BAMF, r.interactionId(), "{\"outcome\":\"GRANTED\"}"))
                .isEqualTo(BAD_REQUEST.getStatusCode());
        assertThat(PartnerCalls.answer(BAMF, r.interactionId(), "{\"outcome\":\"ACKNOWLEDGED\"}"))
                .isEqualTo(OK.getStatusCode());
        Instant acknowledged = clock.instant();

        clock.advance(Duration.between(clock.instant(), acknowledged.atZone(InteractionClock.ZONE).plusYears(1)
                .truncatedTo(ChronoUnit.DAYS).toInstant()));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_EXPIRED)).isEmpty();

        clock.advance(Duration.ofDays(2));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_EXPIRED).size() == 1);
        String expired = requests.published(r, INTERACTION_EXPIRED).get(0);
        assertThat(EventSamples.violations(INTERACTION_EXPIRED, expired)).isEmpty();
        assertThat(field(expired, "reason")).contains("§44 Abs. 2 AufenthG");
    }

    @Test
    void shouldEscalateInsteadOfDeemingAGrantAndRefuseAnOutcomeTheBamfDoesNotGive() {
        Sent r = requests.request(Map.of("kind", "INTEGRATION_COURSE", "partnerOrganisation", BAMF,
                "deadline", deadline(2, "WEEKS", "DEEMED_GRANTED", "§44a AufenthG")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        Instant due = Instant.parse(field(requests.published(r, INTERACTION_DELIVERED).get(0), "dueAt"));

        assertThat(PartnerCalls.answer(BAMF, r.interactionId(),
                "{\"outcome\":\"REFUSED\",\"reasons\":\"kein Anspruch\"}"))
                .isEqualTo(BAD_REQUEST.getStatusCode());

        clock.advance(Duration.between(clock.instant(), due).plusHours(1));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ESCALATED).size() == 1);
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
    }
}
