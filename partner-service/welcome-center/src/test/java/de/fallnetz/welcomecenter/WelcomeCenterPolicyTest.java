package de.fallnetz.welcomecenter;

import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ESCALATED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.PartnerCalls;
import de.fallnetz.interactions.deadline.DeadlineScheduler;
import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.interactions.domain.InteractionPolicy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "welcome-center"))
class WelcomeCenterPolicyTest {

    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.WELCOME_CENTER);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Inject
    WelcomeCenterPolicy policy;

    @Test
    void shouldDeliverWithoutADeadlineAndNeverEscalateWhateverTheRequestSays() {
        Sent r = requests.request(Map.of("kind", "WELCOME_CENTER", "partnerOrganisation", "welcome-center-berlin",
                "deadline", deadline(5, "WORKING_DAYS", "ESCALATE", "Servicevereinbarung")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_DELIVERED).get(0), "dueAt")).isNull();

        clock.advance(Duration.ofDays(30));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_ESCALATED)).isEmpty();
        assertThat(policy.outcomes(WelcomeCenterPolicy.KIND)).containsExactly("ACKNOWLEDGED")
                .doesNotContainAnyElementsOf(InteractionPolicy.CONSENT_OUTCOMES);
    }

    @Test
    void shouldAddressTheWelcomeCenterOfTheOfficesLandAndTakeOnlyAnAcknowledgement() {
        Sent r = requests.request(Map.of("kind", "WELCOME_CENTER", "officeId", "abh-hamburg", "officeLand", "DE-HH"));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_DELIVERED).get(0), "partnerOrganisation"))
                .isEqualTo("welcome-center-hamburg");

        assertThat(PartnerCalls.answer("welcome-center-hamburg", r.interactionId(), "{\"outcome\":\"GRANTED\"}"))
                .isEqualTo(400);
        assertThat(PartnerCalls.answer("welcome-center-hamburg", r.interactionId(),
                "{\"outcome\":\"ACKNOWLEDGED\",\"reasons\":\"\"}")).isEqualTo(400);
        assertThat(PartnerCalls.answer("welcome-center-hamburg", r.interactionId(),
                "{\"outcome\":\"ACKNOWLEDGED\",\"reasons\":\"Termin zur Erstberatung angeboten\"}")).isEqualTo(200);
    }
}
