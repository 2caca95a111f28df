package de.fallnetz.recognition;

import static de.fallnetz.contracts.events.EventType.INTERACTION_DEEMED_GRANTED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ESCALATED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "recognition"))
class RecognitionPolicyTest {

    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.RECOGNITION);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldEscalateAfterThreeMonthsAndNeverGrantEvenWhenTheRuleSaysSilenceGrants() {
        Sent r = requests.request(Map.of("kind", "RECOGNITION", "partnerOrganisation", "zab",
                "deadline", deadline(3, "MONTHS", "DEEMED_GRANTED", "§6 BQFG")));
        Instant due = delivered(r);
        assertThat(due).isEqualTo(DeadlineCalculator.endOf(
                clock.instant().atZone(InteractionClock.ZONE).toLocalDate().plusMonths(3)));

        clock.advance(Duration.between(clock.instant(), due).plusHours(1));
        deadlines.fireDue();

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ESCALATED).size() == 1);
        String escalated = requests.published(r, INTERACTION_ESCALATED).get(0);
        assertThat(EventSamples.violations(INTERACTION_ESCALATED, escalated)).isEmpty();
        assertThat(Instant.parse(field(escalated, "dueAt"))).isEqualTo(due);
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
    }

    @Test
    void shouldRemindOfAnUnconfirmedReceiptAfterTwoWeeksAndEscalateAfterTwoMonthsWhenAccelerated() {
        Sent r = requests.request(Map.of("kind", "RECOGNITION", "partnerOrganisation", "zab", "accelerated", true,
                "deadline", deadline(0, "NONE", "NONE", "§14a BQFG")));
        Instant due = delivered(r);
        assertThat(due).isEqualTo(DeadlineCalculator.endOf(
                clock.instant().atZone(InteractionClock.ZONE).toLocalDate().plusMonths(2)));

        clock.advance(Duration.ofDays(15));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ESCALATED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_ESCALATED).get(0), "dueAt")).isNull();

        clock.advance(Duration.between(clock.instant(), due).plusHours(1));
        deadlines.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ESCALATED).size() == 2);
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).isEmpty();
    }

    private Instant delivered(Sent r) {
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        return Instant.parse(field(requests.published(r, INTERACTION_DELIVERED).get(0), "dueAt"));
    }
}
