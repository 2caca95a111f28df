package de.fallnetz.devstack;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;

/**
 * What the case service would send an interaction service, for its tests: the contract's samples with the fields a
 * test needs, and the events the service wrote to its outbox in answer.
 */
public final class InteractionTestEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SOURCE = "/fallnetz/case-service";

    private final KafkaTestClient kafka;
    private final DatabaseTestClient db;

    public InteractionTestEvents(KafkaTestClient kafka, DatabaseTestClient db) {
        this.kafka = kafka;
        this.db = db;
    }

    /** On the JVM's shared stack, with a Kafka client of its own that is closed when the JVM exits. */
    public static InteractionTestEvents onSharedStack(FallnetzService service) {
        KafkaTestClient kafka = KafkaTestClient.onSharedStack();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "interaction-test-events-close"));
        return new InteractionTestEvents(kafka, DatabaseTestClient.onSharedStack(service));
    }

    /** A request with a fresh case and interaction ID; {@code changes} replace top-level fields of the sample. */
    public Sent request(Map<String, Object> changes) {
        return request(UUID.randomUUID().toString(), changes);
    }

    /** A request with a fresh interaction ID for a given case (one the test prepared, e.g. a power of attorney). */
    public Sent request(String caseId, Map<String, Object> changes) {
        String interactionId = UUID.randomUUID().toString();
        ObjectNode json = sample(EventType.CASE_INTERACTION_REQUESTED, caseId, interactionId);
        changes.forEach((k, v) -> json.set(k, MAPPER.valueToTree(v)));
        send(EventType.CASE_INTERACTION_REQUESTED, caseId, json);
        return new Sent(caseId, interactionId);
    }

    public void supply(Sent r, Map<String, Object> data) {
        ObjectNode json = sample(EventType.CASE_INFORMATION_SUPPLIED, r.caseId, r.interactionId);
        json.set("data", MAPPER.valueToTree(data));
        send(EventType.CASE_INFORMATION_SUPPLIED, r.caseId, json);
    }

    /** Sends any case event, e.g. {@code case.transferred}; {@code changes} replace top-level fields of its sample. */
    public void caseEvent(EventType type, String caseId, Map<String, Object> changes) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(EventSamples.json(type, caseId));
            changes.forEach((k, v) -> json.set(k, MAPPER.valueToTree(v)));
            send(type, caseId, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void cancel(Sent r) {
        send(EventType.CASE_INTERACTION_CANCELLED, r.caseId,
                sample(EventType.CASE_INTERACTION_CANCELLED, r.caseId, r.interactionId));
    }

    /** The payloads of the events of {@code type} this service published about the case, oldest first. */
    public List<String> published(Sent r, EventType type) {
        return db.queryStrings("select payload from outbox_event where subject = '" + r.caseId
                + "' and event_type = '" + type.type() + "' order by occurred_at, event_id");
    }

    public long timers(Sent r, String timer) {
        return db.count("interaction_deadline", "interaction_id = '" + r.interactionId + "' and timer = '" + timer
                + "' and fired_at is null");
    }

    public DatabaseTestClient db() {
        return db;
    }

    public static String field(String json, String name) {
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

    /** A request the test sent: its case and interaction ID. */
    public record Sent(String caseId, String interactionId) {
    }

    /** A deadline rule as the request event carries it. */
    public static Map<String, Object> deadline(int amount, String unit, String silence, String legalBasis) {
        return Map.of("amount", amount, "unit", unit, "silence", silence, "legalBasis", legalBasis);
    }
}
