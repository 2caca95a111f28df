package de.fallnetz.platform.messaging.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.devstack.EventSamples;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A broker that hangs (SIGSTOP: connections open, nothing answered) is not noticed by the Kafka channels' own checks;
 * the outbox check must take the service out of readiness while events wait, and put it back by itself.
 */
@QuarkusTest
@WithTestResource(HungBrokerResource.class)
class OutboxReadinessWithHungBrokerTest {

    private static final String OUTBOX_CHECK = "checks.find { it.name == 'outbox relay' }.status";

    private final Outbox outbox;
    private final ObjectMapper mapper;

    OutboxReadinessWithHungBrokerTest(Outbox outbox, ObjectMapper mapper) {
        this.outbox = outbox;
        this.mapper = mapper;
    }

    @Test
    void readinessGoesDownWhileTheOnlyBrokerHangsWithEventsToSendAndUpAgainByItselfWhenItResumes()
            throws Exception {
        long pid = ConfigProvider.getConfig().getValue(HungBrokerResource.PID, Long.class);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).body(OUTBOX_CHECK, equalTo("UP")));

        signal("STOP", pid);
        try {
            FallnetzEvent event = (FallnetzEvent) mapper.readValue(
                    EventSamples.json(EventType.CASE_OPENED, "C-hung-broker"), EventType.CASE_OPENED.dataClass());
            QuarkusTransaction.requiringNew().call(() -> outbox.publish(event, Instant.now()));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                    .then().statusCode(503).body(OUTBOX_CHECK, equalTo("DOWN")));
        } finally {
            signal("CONT", pid);
        }

        // The relay's next try after its send timeout gets the event through; no one has to intervene.
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200).body(OUTBOX_CHECK, equalTo("UP")));
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
