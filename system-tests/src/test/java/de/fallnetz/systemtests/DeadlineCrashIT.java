package de.fallnetz.systemtests;

import static de.fallnetz.contracts.events.EventType.INTERACTION_DEEMED_GRANTED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.KafkaTestClient;

/** A deadline of ba-consent that falls due while the service is dead fires exactly once after its restart. */
class DeadlineCrashIT {

    private static RunningSystem system;
    private static KafkaTestClient kafka;
    private static InteractionTestEvents requests;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        kafka = new KafkaTestClient(system.stack().kafkaBootstrapServers());
        requests = new InteractionTestEvents(kafka, system.db(FallnetzService.BA_CONSENT));
    }

    @AfterAll
    static void stop() {
        // Back to the real time for whatever runs next in this system.
        system.restart(FallnetzService.BA_CONSENT, Map.of());
        kafka.close();
    }

    @Test
    void shouldDeemConsentGrantedExactlyOnceAfterAKillWhenTheTwoWeeksPassedWhileTheServiceWasDown()
            throws Exception {
        Sent r = requests.request(Map.of());
        await().atMost(Duration.ofMinutes(1)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);

        system.kill(FallnetzService.BA_CONSENT);
        // Started again "15 days later": the deadline fell due while the process was dead.
        system.restart(FallnetzService.BA_CONSENT, Map.of("FALLNETZ_CLOCK_OFFSET", "P15D"));

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> kafka.records(Topics.PARTNER_EVENTS, r.caseId()).stream()
                        .anyMatch(rec -> INTERACTION_DEEMED_GRANTED.type()
                                .equals(KafkaTestClient.header(rec, "ce_type"))));
        // A few more polls of the scheduler: still once.
        system.kill(FallnetzService.BA_CONSENT);
        system.restart(FallnetzService.BA_CONSENT, Map.of("FALLNETZ_CLOCK_OFFSET", "P16D"));
        assertThat(requests.published(r, INTERACTION_DEEMED_GRANTED)).hasSize(1);
        assertThat(requests.db().count("interaction_deadline", "interaction_id = '" + r.interactionId()
                + "' and fired_at is not null")).isEqualTo(1);
        assertThat(kafka.records(Topics.PARTNER_EVENTS, r.caseId()).stream()
                .filter(rec -> INTERACTION_DEEMED_GRANTED.type().equals(KafkaTestClient.header(rec, "ce_type")))
                .map(rec -> KafkaTestClient.header(rec, "ce_id")).distinct().count()).isEqualTo(1);
    }
}
