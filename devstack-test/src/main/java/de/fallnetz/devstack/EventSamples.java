package de.fallnetz.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import de.fallnetz.contracts.events.EventType;

/**
 * The contract's recorded sample of each event, for consumer tests to feed in, and its JSON Schema, for producer
 * tests to check what they emitted: both sides test against the same files in the contracts module.
 */
public final class EventSamples {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSamples() {
    }

    /** The sample of {@code type} about case {@code caseId}, with any other ID fields made fresh. */
    public static String json(EventType type, String caseId) {
        return json(type, caseId, Map.of());
    }

    /** As {@link #json(EventType, String)}, with some top-level fields set to other values. */
    public static String json(EventType type, String caseId, Map<String, String> fields) {
        ObjectNode sample = (ObjectNode) read("/samples/" + type.type() + ".json");
        sample.put("caseId", caseId);
        if (sample.has("notificationId")) {
            sample.put("notificationId", UUID.randomUUID().toString());
        }
        fields.forEach(sample::put);
        try {
            return MAPPER.writeValueAsString(sample);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What in {@code json} breaks the schema of {@code type}; empty when it fits. */
    public static List<String> violations(EventType type, String json) {
        try (InputStream in = EventSamples.class.getResourceAsStream(type.schemaResource())) {
            JsonSchema schema = SCHEMAS.getSchema(in);
            return schema.validate(MAPPER.readTree(json)).stream().map(ValidationMessage::getMessage).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = EventSamples.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource + " in the contracts module");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
