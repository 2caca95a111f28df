package de.fallnetz.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.KafkaTestClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The case-service API as a clerk's client uses it, and the interaction services as case-service hears them: real
 * CloudEvents on partner.events.
 */
final class CaseApi {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaTestClient kafka;

    CaseApi(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    /** On the JVM's shared test stack, with a Kafka client of its own that is closed when the JVM exits. */
    static CaseApi onSharedStack() {
        KafkaTestClient kafka = KafkaTestClient.onSharedStack();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "case-api-close"));
        return new CaseApi(kafka);
    }

    static Map<String, Object> openBody(CaseTypeSamples.Sample sample) {
        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("familyName", "Testperson");
        applicant.put("givenNames", "Alex");
        applicant.put("dateOfBirth", "1991-06-01");
        applicant.put("nationality", sample.nationality());
        applicant.put("preferredLanguage", "en");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseType", sample.caseType());
        body.put("openedBy", sample.openedBy());
        if (!"APPLICANT".equals(sample.openedBy())) {
            body.put("onBehalfOf", "Beispiel Software GmbH");
        }
        body.put("applicant", applicant);
        body.put("application", sample.application());
        return body;
    }

    Response open(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/cases");
    }

    String open(CaseTypeSamples.Sample sample) {
        return open(openBody(sample)).then().statusCode(201).extract().path("caseId");
    }

    JsonPath get(String caseId) {
        return given().when().get("/cases/" + caseId).then().statusCode(200).extract().jsonPath();
    }

    long version(String caseId) {
        return get(caseId).getLong("version");
    }

    /** A command with the case's current version as If-Match. */
    Response command(String caseId, String path, Object body) {
        return command(caseId, path, body, version(caseId));
    }

    Response command(String caseId, String path, Object body, long ifMatch) {
        var request = given().contentType(ContentType.JSON).header("If-Match", "\"" + ifMatch + "\"");
        if (body != null) {
            request = request.body(body);
        }
        return request.when().post("/cases/" + caseId + "/" + path);
    }

    List<String> checklistIds(String caseId) {
        return get(caseId).getList("checklist.id", String.class);
    }

    void tickAll(String caseId) {
        for (String item : checklistIds(caseId)) {
            command(caseId, "checklist/" + item + "/tick", Map.of("note", "geprüft")).then().statusCode(200);
        }
    }

    /** The InteractionRequested events case-service published for the case. */
    List<InteractionRequested> requested(String caseId) {
        return events(caseId, EventType.CASE_INTERACTION_REQUESTED, InteractionRequested.class);
    }

    <T> List<T> events(String caseId, EventType type, Class<T> data) {
        List<T> found = new ArrayList<>();
        for (ConsumerRecord<String, String> r : kafka.records(type.topic(), caseId)) {
            if (type.type().equals(KafkaTestClient.header(r, "ce_type"))) {
                try {
                    found.add(JSON.readValue(r.value(), data));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return found;
    }

    List<InteractionRequested> awaitRequested(String caseId, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> requested(caseId), l -> l.size() == count);
    }

    /** An interaction service's event about the case, as it would publish it. */
    void partnerSays(FallnetzEvent event) {
        try {
            EventType type = EventType.of(event);
            kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(), type.type(),
                    "/fallnetz/interaction-test", event.caseId(), JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void answer(InteractionRequested r, String outcome, boolean binding, String reasons) {
        partnerSays(new InteractionAnswered(r.interactionId(), r.caseId(), r.kind(), r.partnerOrganisation(), outcome,
                binding, reasons, List.of(), Instant.now()));
    }

    void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> get(caseId).getString("status"), status::equals);
    }

    List<String> timelineTypes(String caseId) {
        return given().when().get("/cases/" + caseId + "/timeline").then().statusCode(200).extract().jsonPath()
                .getList("entries.type", String.class);
    }
}
