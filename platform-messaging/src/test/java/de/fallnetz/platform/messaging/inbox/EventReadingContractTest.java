package de.fallnetz.platform.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.EventSamples;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.ce.DefaultCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;

/**
 * For every event type of the contract: a consumer reads the data tolerantly (a property it does not know yet is
 * ignored, even though the services' ObjectMapper refuses unknown properties in request bodies) and strictly where the
 * schema says a field is required (such an event is unreadable, so it goes to the dead-letter topic).
 */
class EventReadingContractTest {

    /** As strict as the services' mapper (quarkus.jackson.fail-on-unknown-properties=true). */
    private static final ObjectMapper STRICT = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final EventConsumer consumer = new EventConsumer(null, STRICT, new SimpleMeterRegistry(), null, null);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void shouldReadAnEventWhoseDataHasAPropertyThisBuildDoesNotKnow(EventType type) throws Exception {
        String caseId = UUID.randomUUID().toString();
        ObjectNode data = (ObjectNode) STRICT.readTree(EventSamples.json(type, caseId));
        data.put("addedByANewerProducer", "anything");

        Optional<ReceivedEvent> read = consumer.read(message(type, caseId, data.toString()));

        assertThat(read).isPresent();
        assertThat(read.get().data().caseId()).isEqualTo(caseId);
    }

    static Stream<Arguments> requiredFields() throws Exception {
        Stream.Builder<Arguments> all = Stream.builder();
        for (EventType type : EventType.values()) {
            try (var in = EventType.class.getResourceAsStream(type.schemaResource())) {
                for (var name : STRICT.readTree(in).path("required")) {
                    all.add(Arguments.of(type, name.asText()));
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void shouldFindAnEventUnreadableWhenARequiredFieldIsMissing(EventType type, String field) throws Exception {
        String caseId = UUID.randomUUID().toString();
        ObjectNode data = (ObjectNode) STRICT.readTree(EventSamples.json(type, caseId));
        data.remove(field);

        assertThatThrownBy(() -> consumer.read(message(type, caseId, data.toString())))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining(field);
    }

    private static Message<String> message(EventType type, String caseId, String data) {
        var ce = new DefaultCloudEventMetadataBuilder<String>()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/fallnetz/test"))
                .withType(type.type())
                .withSubject(caseId)
                .build();
        return Message.of(data, Metadata.of(new DefaultIncomingCloudEventMetadata<>(ce)));
    }
}
