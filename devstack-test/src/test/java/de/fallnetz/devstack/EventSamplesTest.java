package de.fallnetz.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import de.fallnetz.contracts.events.EventType;

class EventSamplesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldHandOutASampleOfEveryEventThatFitsItsSchemaAndNamesTheCase(EventType type) {
        String json = EventSamples.json(type, "case-42");

        assertThat(json).contains("\"caseId\":\"case-42\"");
        assertThat(EventSamples.violations(type, json)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldReportWhatBreaksTheSchema(EventType type) {
        String json = EventSamples.json(type, "case-42", Map.of("caseType", "not a code", "language", "x y",
                "caseId", ""));

        assertThat(EventSamples.violations(type, json)).isNotEmpty();
    }
}
