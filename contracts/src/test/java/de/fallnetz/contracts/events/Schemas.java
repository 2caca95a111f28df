package de.fallnetz.contracts.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Reads schemas and samples from the classpath for the contract tests. */
final class Schemas {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static JsonNode current(EventType type) {
        return read(type.schemaResource());
    }

    static JsonNode baseline(EventType type) {
        return read("/schema-baseline/" + type.type() + ".json");
    }

    static JsonNode sample(EventType type) {
        return read("/samples/" + type.type() + ".json");
    }

    static JsonNode read(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Schemas() {
    }
}
