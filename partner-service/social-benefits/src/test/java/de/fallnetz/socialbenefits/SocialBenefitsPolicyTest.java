package de.fallnetz.socialbenefits;

import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
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
        initArgs = @ResourceArg(name = "service", value = "social-benefits"))
class SocialBenefitsPolicyTest {

    private static final String SOZIALAMT = "sozialamt-berlin";
    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.SOCIAL_BENEFITS);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldRunNoDeadlineAndTakeAnAcknowledgementOnlyWithTheInformationAsReasons() {
        Sent r = requests.request(Map.of("kind", "SOCIAL_BENEFITS", "partnerOrganisation", SOZIALAMT,
                "deadline", deadline(10, "WORKING_DAYS", "ESCALATE", "§71 Abs. 2 SGB X")));
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(requests.timers(r, "DUE")).isZero();
        clock.advance(Duration.ofDays(60));
        deadlines.fireDue();
        assertThat(requests.published(r, INTERACTION_ESCALATED)).isEmpty();

        assertThat(PartnerCalls.answer(SOZIALAMT, r.interactionId(), "{\"outcome\":\"ACKNOWLEDGED\"}"))
                .isEqualTo(BAD_REQUEST.getStatusCode());
        assertThat(PartnerCalls.answer(SOZIALAMT, r.interactionId(),
                "{\"outcome\":\"ACKNOWLEDGED\",\"reasons\":\"Bezug von Leistungen nach SGB II seit 03/2025\"}"))
                .isEqualTo(OK.getStatusCode());
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_ANSWERED).get(0), "reasons"))
                .isEqualTo("Bezug von Leistungen nach SGB II seit 03/2025");
    }
}
