package de.fallnetz.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

class EventContractTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldDescribeEveryRecordComponentInItsSchema(EventType type) {
        Set<String> components = Arrays.stream(type.dataClass().getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        Set<String> properties = new HashSet<>();
        for (Iterator<String> it = Schemas.current(type).path("properties").fieldNames(); it.hasNext();) {
            properties.add(it.next());
        }
        assertThat(properties).as("schema properties of %s", type.type()).isEqualTo(components);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldReadTheRecordedSampleIntoTheRecordAndWriteItBackValid(EventType type) throws Exception {
        JsonNode sample = Schemas.sample(type);
        assertThat(schema(type).validate(sample)).as("sample of %s against its schema", type.type()).isEmpty();

        FallnetzEvent event = Schemas.MAPPER.treeToValue(sample, type.dataClass());
        JsonNode written = Schemas.MAPPER.valueToTree(event);

        assertThat(schema(type).validate(written)).as("serialized %s against its schema", type.type()).isEmpty();
        assertThat(EventType.of(event)).isEqualTo(type);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldIgnoreUnknownPropertiesSoProducersCanAddOptionalOnes(EventType type) throws Exception {
        JsonNode sample = Schemas.sample(type).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) sample).put("addedLater", "x");

        assertThat(Schemas.MAPPER.treeToValue(sample, type.dataClass())).isNotNull();
    }

    @Test
    void shouldDeclareEveryEventTypeInTheAsyncApiDocument() throws Exception {
        String asyncApi;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        for (EventType type : EventType.values()) {
            assertThat(asyncApi).contains("name: " + type.type()).contains("address: " + type.topic())
                    .contains("schemas/" + type.type() + ".json");
        }
    }

    @Test
    void shouldPublishEveryEventOnAKnownTopic() {
        for (EventType type : EventType.values()) {
            assertThat(Topics.ALL).contains(type.topic());
            assertThat(type.type()).startsWith("de.fallnetz.");
        }
    }

    private static JsonSchema schema(EventType type) throws Exception {
        try (InputStream in = EventContractTest.class.getResourceAsStream(type.schemaResource())) {
            return FACTORY.getSchema(in);
        }
    }
}
