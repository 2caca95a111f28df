package de.fallnetz.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SchemaCompatibilityTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldKeepEverySchemaReadableByExistingConsumers(EventType type) {
        assertThat(SchemaCompatibility.breakingChanges(Schemas.baseline(type), Schemas.current(type)))
                .as("breaking changes in %s against its released baseline", type.type())
                .isEmpty();
    }

    @Test
    void shouldAcceptANewOptionalProperty() {
        ObjectNode candidate = Schemas.baseline(EventType.CASE_OPENED).deepCopy();
        ((ObjectNode) candidate.get("properties")).putObject("priority").put("type", "string");

        assertThat(SchemaCompatibility.breakingChanges(Schemas.baseline(EventType.CASE_OPENED), candidate)).isEmpty();
    }

    @Test
    void shouldRejectARemovedProperty() {
        ObjectNode candidate = Schemas.baseline(EventType.CASE_OPENED).deepCopy();
        ((ObjectNode) candidate.get("properties")).remove("officeId");

        assertThat(SchemaCompatibility.breakingChanges(Schemas.baseline(EventType.CASE_OPENED), candidate))
                .anyMatch(p -> p.startsWith("officeId: removed"));
    }

    @Test
    void shouldRejectAChangedType() {
        ObjectNode candidate = Schemas.baseline(EventType.CASE_OPENED).deepCopy();
        ((ObjectNode) candidate.get("properties").get("openedAt")).put("type", "integer");

        assertThat(SchemaCompatibility.breakingChanges(Schemas.baseline(EventType.CASE_OPENED), candidate))
                .anyMatch(p -> p.startsWith("openedAt: type changed"));
    }

    @Test
    void shouldRejectANewlyRequiredProperty() {
        ObjectNode candidate = Schemas.baseline(EventType.CASE_OPENED).deepCopy();
        ((ObjectNode) candidate.get("properties")).putObject("priority").put("type", "string");
        ((ArrayNode) candidate.get("required")).add("priority");

        assertThat(SchemaCompatibility.breakingChanges(Schemas.baseline(EventType.CASE_OPENED), candidate))
                .anyMatch(p -> p.startsWith("priority: newly required"));
    }

    @Test
    void shouldRejectANewEnumValue() {
        ObjectNode candidate = Schemas.baseline(EventType.NOTIFICATION_RECORDED).deepCopy();
        ((ArrayNode) candidate.get("properties").get("recipientRole").get("enum")).add("EMPLOYER");

        assertThat(SchemaCompatibility.breakingChanges(Schemas.baseline(EventType.NOTIFICATION_RECORDED), candidate))
                .anyMatch(p -> p.startsWith("recipientRole: enum gained"));
    }
}
