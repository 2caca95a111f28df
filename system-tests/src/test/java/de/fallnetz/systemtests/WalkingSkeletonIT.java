package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.ServiceMetrics;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.restassured.http.ContentType;

/** A case travels from the gateway through every service, over a real broker and real databases. */
class WalkingSkeletonIT {

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
    }

    @Test
    void shouldCarryANewCaseFromTheGatewayThroughEveryServiceAndShowEachHopOnItsTimeline() {
        String caseId = system.openCase();

        List<String> types = awaitTimeline(caseId, 3);
        // The partner and notification services react in parallel: only the first hop has a fixed place.
        assertThat(types).hasSize(3).startsWith(EventType.CASE_OPENED.type())
                .containsExactlyInAnyOrder(EventType.CASE_OPENED.type(), EventType.PARTNER_CASE_REGISTERED.type(),
                        EventType.NOTIFICATION_RECORDED.type());
        List<String> sources = given().baseUri(system.url(FallnetzService.GATEWAY))
                .when().get("/api/cases/{id}/timeline", caseId)
                .then().statusCode(200).extract().jsonPath().getList("entries.source", String.class);
        assertThat(sources).containsExactlyInAnyOrder("/fallnetz/case-service", "/fallnetz/partner-service",
                "/fallnetz/notification-service");

        List<CloudEvent> opened = cloudEvents(Topics.CASE_EVENTS, caseId);
        assertThat(opened).hasSize(1);
        CloudEvent event = opened.get(0);
        assertThat(event.getType()).isEqualTo(EventType.CASE_OPENED.type());
        assertThat(event.getSubject()).isEqualTo(caseId);
        assertThat(event.getSource().toString()).isEqualTo("/fallnetz/case-service");
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getId()).isNotBlank();
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).contains(caseId);
    }

    @Test
    void shouldAuditTheReadOfACaseThroughTheGateway() {
        String caseId = system.openCase();

        given().baseUri(system.url(FallnetzService.GATEWAY)).when().get("/api/cases/{id}", caseId)
                .then().statusCode(200)
                .body("applicant.familyName", equalTo("Nguyen"));

        assertThat(system.db(FallnetzService.GATEWAY).count("audit_log", "case_id = '" + caseId + "'")).isEqualTo(1);
    }

    @Test
    void shouldOpenACaseOnceWhenTheClientRepeatsTheRequestWithTheSameIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String first = given().baseUri(system.url(FallnetzService.GATEWAY))
                .contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(CREATED.getStatusCode()).header("Idempotency-Key", key)
                .extract().path("caseId");

        String again = given().baseUri(system.url(FallnetzService.GATEWAY))
                .contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(OK.getStatusCode())
                .extract().path("caseId");

        assertThat(again).isEqualTo(first);
        assertThat(system.db(FallnetzService.CASE_SERVICE).count("outbox_event", "subject = '" + first + "'")).isEqualTo(1);
        assertThat(awaitTimeline(first, 3)).hasSize(3);
    }

    static List<Fixtures.BadRequest> badRequests() {
        return Fixtures.badOpenCaseRequests();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void shouldRefuseBadRequestsWithAProblemAndWriteNothingAnywhere(Fixtures.BadRequest bad) {
        DatabaseTestClient cases = system.db(FallnetzService.CASE_SERVICE);
        DatabaseTestClient gateway = system.db(FallnetzService.GATEWAY);
        long before = cases.count("fallnetz_case");
        long outboxBefore = cases.count("outbox_event");
        long auditBefore = gateway.count("audit_log");

        given().baseUri(system.url(FallnetzService.GATEWAY)).contentType(bad.contentType()).body(bad.body())
                .when().post("/api/cases")
                .then().statusCode(bad.status())
                .contentType("application/problem+json")
                .body("status", equalTo(bad.status()));

        assertThat(cases.count("fallnetz_case")).isEqualTo(before);
        assertThat(cases.count("outbox_event")).isEqualTo(outboxBefore);
        assertThat(gateway.count("audit_log")).isEqualTo(auditBefore);
    }

    @Test
    void shouldDeliverCaseOpenedExactlyOnceWhenTheCaseServiceIsKilledRightAfterAcceptingTheCase() throws Exception {
        // Relay held back, so that the kill falls between the commit and the send.
        system.restart(FallnetzService.CASE_SERVICE, Map.of("FALLNETZ_OUTBOX_RELAY_ENABLED", "false"));
        String caseId = system.openCase();
        DatabaseTestClient cases = system.db(FallnetzService.CASE_SERVICE);
        assertThat(cases.count("outbox_event", "subject = '" + caseId + "' and published_at is null")).isEqualTo(1);

        system.kill(FallnetzService.CASE_SERVICE);
        system.restart(FallnetzService.CASE_SERVICE, Map.of());

        assertThat(awaitTimeline(caseId, 3)).hasSize(3);
        assertThat(cloudEvents(Topics.CASE_EVENTS, caseId)).hasSize(1);
        assertAppliedOnceByBothConsumers(caseId);
    }

    /** One partner-register entry, one notification, one event from each, and the three hops on the timeline. */
    private static void assertAppliedOnceByBothConsumers(String caseId) {
        assertThat(cloudEvents(Topics.PARTNER_EVENTS, caseId)).hasSize(1);
        assertThat(cloudEvents(Topics.NOTIFICATION_EVENTS, caseId)).hasSize(1);
        assertThat(system.db(FallnetzService.PARTNER_SERVICE).count("partner_case", "case_id = '" + caseId + "'"))
                .isEqualTo(1);
        assertThat(system.db(FallnetzService.NOTIFICATION_SERVICE).count("notification", "case_id = '" + caseId + "'"))
                .isEqualTo(1);
        assertThat(awaitTimeline(caseId, 3)).hasSize(3);
    }

    @Test
    void shouldApplyCaseOpenedOnceWhenTheCaseServiceIsKilledAfterKafkaAcknowledgedItButBeforeItWasStamped()
            throws Exception {
        system.restart(FallnetzService.CASE_SERVICE, Map.of("FALLNETZ_OUTBOX_RELAY_ENABLED", "false"));
        String caseId = system.openCase();
        DatabaseTestClient cases = system.db(FallnetzService.CASE_SERVICE);
        double partnerCopies = duplicates(FallnetzService.PARTNER_SERVICE, "partner-service.cases");
        double notificationCopies = duplicates(FallnetzService.NOTIFICATION_SERVICE, "notification-service.cases");
        try (Connection lock = cases.connect()) {
            // The row stays locked: the relay sends the event and sees it acknowledged, but its stamp has to wait.
            lock.setAutoCommit(false);
            lock.createStatement().execute("select 1 from outbox_event where subject = '" + caseId + "' for update");
            system.restart(FallnetzService.CASE_SERVICE, Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> cloudEvents(Topics.CASE_EVENTS, caseId).size() == 1);

            system.kill(FallnetzService.CASE_SERVICE);
            lock.rollback();
        }
        assertThat(cases.count("outbox_event", "subject = '" + caseId + "' and published_at is null")).isEqualTo(1);
        system.restart(FallnetzService.CASE_SERVICE, Map.of());

        assertThat(awaitTimeline(caseId, 3)).hasSize(3);
        await().atMost(Duration.ofSeconds(60)).until(() -> cloudEvents(Topics.CASE_EVENTS, caseId).size() == 2);
        List<CloudEvent> sent = cloudEvents(Topics.CASE_EVENTS, caseId);
        assertThat(sent.get(1).getId()).isEqualTo(sent.get(0).getId());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(duplicates(FallnetzService.PARTNER_SERVICE, "partner-service.cases"))
                    .isEqualTo(partnerCopies + 1);
            assertThat(duplicates(FallnetzService.NOTIFICATION_SERVICE, "notification-service.cases"))
                    .isEqualTo(notificationCopies + 1);
        });
        assertAppliedOnceByBothConsumers(caseId);
    }

    private static double duplicates(FallnetzService service, String consumer) {
        return ServiceMetrics.eventsConsumed(system.managementUrl(service), consumer, "duplicate");
    }

    private static List<String> awaitTimeline(String caseId, int hops) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().baseUri(system.url(FallnetzService.GATEWAY))
                        .when().get("/api/cases/{id}/timeline", caseId)
                        .then().extract().jsonPath().getList("entries.type", String.class),
                        t -> t != null && t.size() >= hops);
    }

    /** The CloudEvents on a topic for one case, read with the CloudEvents SDK's own Kafka deserializer. */
    private static List<CloudEvent> cloudEvents(String topic, String caseId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", system.stack().kafkaBootstrapServers());
        List<CloudEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new CloudEventDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    if (caseId.equals(r.key())) {
                        events.add(r.value());
                    }
                }
            }
        }
        return events;
    }
}
