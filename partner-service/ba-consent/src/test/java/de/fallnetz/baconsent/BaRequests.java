package de.fallnetz.baconsent;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.PartnerTokens;
import io.restassured.specification.RequestSpecification;

/**
 * Test data for ba-consent: the contract's samples of the case service's events with the fields a test needs, the
 * events the service wrote to its outbox, and partner tokens.
 */
final class BaRequests {

    static final String BA = "ba-zav";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SOURCE = "/fallnetz/case-service";

    private final KafkaTestClient kafka;
    private final DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.BA_CONSENT);

    BaRequests(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    /** A request with a fresh case and interaction ID; {@code changes} replace top-level fields of the sample. */
    Sent request(Map<String, Object> changes) {
        String caseId = UUID.randomUUID().toString();
        String interactionId = UUID.randomUUID().toString();
        ObjectNode json = sample(EventType.CASE_INTERACTION_REQUESTED, caseId, interactionId);
        changes.forEach((k, v) -> json.set(k, MAPPER.valueToTree(v)));
        send(EventType.CASE_INTERACTION_REQUESTED, caseId, json);
        return new Sent(caseId, interactionId);
    }

    void supply(Sent r, Map<String, Object> data) {
        ObjectNode json = sample(EventType.CASE_INFORMATION_SUPPLIED, r.caseId, r.interactionId);
        json.set("data", MAPPER.valueToTree(data));
        send(EventType.CASE_INFORMATION_SUPPLIED, r.caseId, json);
    }

    void cancel(Sent r) {
        send(EventType.CASE_INTERACTION_CANCELLED, r.caseId,
                sample(EventType.CASE_INTERACTION_CANCELLED, r.caseId, r.interactionId));
    }

    /** The payloads of the events of {@code type} this service published about the case, oldest first. */
    List<String> published(Sent r, EventType type) {
        return db.queryStrings("select payload from outbox_event where subject = '" + r.caseId
                + "' and event_type = '" + type.type() + "' order by occurred_at, event_id");
    }

    long timers(Sent r, String timer) {
        return db.count("interaction_deadline", "interaction_id = '" + r.interactionId + "' and timer = '" + timer
                + "' and fired_at is null");
    }

    DatabaseTestClient db() {
        return db;
    }

    /** A REST call as a user of the BA. */
    static RequestSpecification asBa() {
        return as(BA);
    }

    static RequestSpecification as(String organisation) {
        return given().auth().oauth2(PartnerTokens.shared().mint(organisation));
    }

    static String field(String json, String name) {
        try {
            var node = MAPPER.readTree(json).get(name);
            return node == null || node.isNull() ? null : node.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(EventType type, String caseId, ObjectNode json) {
        kafka.sendCloudEvent(Topics.CASE_EVENTS, UUID.randomUUID().toString(), type.type(), SOURCE, caseId,
                json.toString());
    }

    private static ObjectNode sample(EventType type, String caseId, String interactionId) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(EventSamples.json(type, caseId));
            json.put("interactionId", interactionId);
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request the test sent. */
    record Sent(String caseId, String interactionId) {
    }

    static Map<String, Object> deadline(int amount, String unit, String silence) {
        return Map.of("amount", amount, "unit", unit, "silence", silence, "legalBasis", "§36 Abs. 2 BeschV");
    }
}
