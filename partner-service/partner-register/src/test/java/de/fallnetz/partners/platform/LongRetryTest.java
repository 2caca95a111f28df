package de.fallnetz.partners.platform;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The inbox retries an event whose handler fails for as long as it takes, and the Kafka connector must not give up on
 * the channel meanwhile (SmallRye's throttled commit strategy does after 60 s by default). Takes about two minutes.
 */
@Tag("slow")
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "partner-service"))
class LongRetryTest {

    /** Longer than the connector's default limit for an unacknowledged record (60 s). */
    private static final Duration OUTAGE = Duration.ofSeconds(70);

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.PARTNER_SERVICE);

    @Test
    void shouldGoOnConsumingAfterRetryingAnEventForLongerThanTheConnectorLetsARecordWait() {
        String failing = UUID.randomUUID().toString();
        // Stands for the database being away, for this one case only: every attempt to register it fails.
        db.update("alter table partner_case add constraint outage_in_test check (case_id <> '" + failing + "') not valid");
        try {
            sendCaseOpened(failing);
            await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                    .until(() -> db.count("partner_case", "case_id = '" + failing + "'") == 0);
        } finally {
            db.update("alter table partner_case drop constraint outage_in_test");
        }

        // The retry (at most 30 s apart) gets it through, and the consumer is still there for the next event.
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count("partner_case", "case_id = '" + failing + "'") == 1);
        String next = UUID.randomUUID().toString();
        sendCaseOpened(next);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("partner_case", "case_id = '" + next + "'") == 1);
    }

    private void sendCaseOpened(String caseId) {
        kafka.sendCaseEvent(EventType.CASE_OPENED, UUID.randomUUID().toString(), "/fallnetz/case-service", caseId);
    }
}
