package de.fallnetz.registrationoffice;

import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DEEMED_GRANTED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ESCALATED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
        initArgs = @ResourceArg(name = "service", value = "registration-office"))
class RegistrationOfficePolicyTest {

    private static final String MELDEBEHOERDE = "meldeamt-berlin";
    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.REGISTRATION_OFFICE);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldIgnoreAnyDeadlineOfTheRequestNeverEscalateOrGrantAndTakeOnlyAnAcknowledgement() {
        Sent r = requests.request(Map.of("kind", "REGISTRATION_OFFICE", "partnerOrganisation", MELDEBEHOERDE,
                "deadline", deadline(2, "WEEKS", "DEEMED_GRANTED", "§90a AufenthG")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_DELIVERED).get(0), "dueAt")).isNull();
        assertThat(requests.timers(r, "DUE")).isZero();

        clock.advance(Duration.ofDays(90));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_ESCALATED)).isEmpty();
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();

        assertThat(PartnerCalls.answer(MELDEBEHOERDE, r.interactionId(), "{\"outcome\":\"GRANTED\"}"))
                .isEqualTo(BAD_REQUEST.getStatusCode());
        assertThat(PartnerCalls.answer(MELDEBEHOERDE, r.interactionId(),
                "{\"outcome\":\"ACKNOWLEDGED\",\"registeredAt\":\"Berlin\"}")).isEqualTo(BAD_REQUEST.getStatusCode());
        assertThat(PartnerCalls.answer(MELDEBEHOERDE, r.interactionId(), "{\"outcome\":\"ACKNOWLEDGED\"}"))
                .isEqualTo(OK.getStatusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        String answered = requests.published(r, INTERACTION_ANSWERED).get(0);
        assertThat(EventSamples.violations(INTERACTION_ANSWERED, answered)).isEmpty();
        assertThat(field(answered, "outcome")).isEqualTo("ACKNOWLEDGED");
    }
}
