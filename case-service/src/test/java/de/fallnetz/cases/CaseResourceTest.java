package de.fallnetz.cases;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class CaseResourceTest {

    private static KafkaTestClient kafka;

    private final DatabaseTestClient tables = DatabaseTestClient.onSharedStack(FallnetzService.CASE_SERVICE);

    @BeforeAll
    static void connect() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(io.restassured.filter.log.LogDetail.STATUS);
        kafka = KafkaTestClient.onSharedStack();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void shouldPassTheApplicantsEmailOnToNotificationsInCaseOpenedAndRefuseOneThatIsNone() {
        String body = Fixtures.openCaseJson("abh-hamburg", "vi")
                .replace("\"preferredLanguage\": \"vi\"", "\"preferredLanguage\": \"vi\", \"email\": \"lan@example.org\"");
        String caseId = given()
                .contentType(ContentType.JSON).body(body)
                .when().post("/cases")
                .then().statusCode(CREATED.getStatusCode())
                .body("applicant.email", equalTo("lan@example.org"))
                .extract().path("caseId");

        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.CASE_EVENTS, caseId), r -> !r.isEmpty());
        assertThat(records.get(0).value()).contains("\"applicantEmail\":\"lan@example.org\"");
        assertThat(EventSamples.violations(EventType.CASE_OPENED, records.get(0).value())).isEmpty();

        given().contentType(ContentType.JSON).body(body.replace("lan@example.org", "not an address"))
                .when().post("/cases")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .body("invalidParams[0].name", equalTo("applicant.email"));
    }

    @Test
    void shouldOpenACaseAndPublishCaseOpenedAsACloudEventKeyedByTheCaseId() {
        String caseId = given()
                .contentType(ContentType.JSON)
                .body(Fixtures.openCaseJson("abh-hamburg", "vi"))
                .when().post("/cases")
                .then().statusCode(CREATED.getStatusCode())
                .header("Location", startsWith("http"))
                .body("status", equalTo("RECEIVED"))
                .body("officeId", equalTo("abh-hamburg"))
                .body("applicant.dateOfBirth", equalTo("1994-03-17"))
                .extract().path("caseId");

        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.CASE_EVENTS, caseId), r -> !r.isEmpty());
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventType.CASE_OPENED.type());
        assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(caseId);
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/fallnetz/case-service");
        assertThat(KafkaTestClient.header(record, "ce_id")).isNotBlank();
        assertThat(KafkaTestClient.header(record, "ce_time")).isNotBlank();
        assertThat(KafkaTestClient.header(record, "ce_specversion")).isEqualTo("1.0");
        // Personal data stays in the case service: the event carries the language, not the name.
        assertThat(record.value()).contains("\"applicantLanguage\":\"vi\"").doesNotContain("Nguyen");
        assertThat(EventSamples.violations(EventType.CASE_OPENED, record.value())).isEmpty();

        given().when().get("/cases/{id}/timeline", caseId)
                .then().statusCode(OK.getStatusCode())
                .body("entries[0].type", equalTo(EventType.CASE_OPENED.type()))
                .body("entries[0].eventId", equalTo(KafkaTestClient.header(record, "ce_id")));
    }

    @Test
    void shouldReturnTheSameCaseWhenARequestIsRetriedWithTheSameIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.openCaseJson())
                .when().post("/cases")
                .then().statusCode(CREATED.getStatusCode()).extract().path("caseId");
        long casesBefore = tables.count("fallnetz_case");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.openCaseJson())
                .when().post("/cases")
                .then().statusCode(OK.getStatusCode()).body("caseId", equalTo(first));

        assertThat(tables.count("fallnetz_case")).isEqualTo(casesBefore);
    }

    @Test
    void shouldOpenOneCaseWhenRequestsWithTheSameIdempotencyKeyArriveAtOnce() throws Exception {
        // What a client's retry after a timeout looks like while its first request is still being processed.
        String key = UUID.randomUUID().toString();
        int parallel = 8;
        ExecutorService clients = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch ready = new CountDownLatch(parallel);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                answers.add(clients.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                            .body(Fixtures.openCaseJson()).when().post("/cases");
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            Set<String> caseIds = new HashSet<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get(60, TimeUnit.SECONDS);
                statuses.add(r.statusCode());
                caseIds.add(r.path("caseId"));
            }

            assertThat(statuses).containsOnly(CREATED.getStatusCode(), OK.getStatusCode())
                    .containsOnlyOnce(CREATED.getStatusCode());
            assertThat(caseIds).hasSize(1);
            assertThat(tables.count("outbox_event", "subject = '" + caseIds.iterator().next() + "'")).isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void shouldRejectAnIdempotencyKeyReusedForADifferentRequest() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.openCaseJson())
                .when().post("/cases").then().statusCode(CREATED.getStatusCode());

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.openCaseJson("abh-koeln", "de"))
                .when().post("/cases")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fallnetz:problem:idempotency-key-reused"));
    }

    @Test
    void shouldAnswerAnUnknownCaseWithANotFoundProblem() {
        given().when().get("/cases/{id}", UUID.randomUUID())
                .then().statusCode(NOT_FOUND.getStatusCode())
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", notNullValue());
        given().when().get("/cases/not-a-case-id/timeline")
                .then().statusCode(NOT_FOUND.getStatusCode())
                .contentType("application/problem+json");
    }

    static List<Fixtures.BadRequest> badRequests() {
        return Fixtures.badOpenCaseRequests();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void shouldRejectBadInputWithAProblemAndWriteNothing(Fixtures.BadRequest bad) {
        long cases = tables.count("fallnetz_case");
        long events = tables.count("outbox_event");

        var response = given()
                .contentType(bad.contentType())
                .body(bad.body())
                .when().post("/cases")
                .then().statusCode(bad.status())
                .contentType("application/problem+json")
                .body("status", equalTo(bad.status()))
                .body("title", notNullValue());
        if (bad.invalidParam() != null) {
            response.body("invalidParams.name", hasItem(bad.invalidParam()));
        }

        assertThat(tables.count("fallnetz_case")).isEqualTo(cases);
        assertThat(tables.count("outbox_event")).isEqualTo(events);
    }

    @Test
    void shouldRejectABadIdempotencyKey() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(101))
                .body(Fixtures.openCaseJson())
                .when().post("/cases")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json");
    }
}
