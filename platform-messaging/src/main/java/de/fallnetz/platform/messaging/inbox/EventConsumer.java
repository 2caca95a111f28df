package de.fallnetz.platform.messaging.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.platform.messaging.ops.ParkedEvents;
import de.fallnetz.platform.messaging.trace.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Applies incoming CloudEvents exactly once per consumer: the handler's effect and the inbox entry commit together,
 * and a redelivered event is acknowledged without running the handler again.
 * <p>
 * A record that cannot be read (not a CloudEvent, data that does not parse, a required field missing) is parked on
 * the dead-letter topic, with the consumer named in the header {@value #CONSUMER_HEADER}, and recorded in the
 * service's own {@link ParkedEvents} for the operators' incident view. So is an event whose
 * handler throws {@link UnreadableEventException}. Any other handler failure (the database is away, say) is retried
 * until it succeeds.
 * <p>
 * Event data is read tolerantly: properties this build does not know are ignored, so a producer can add fields
 * before its consumers are redeployed.
 */
@ApplicationScoped
public class EventConsumer {

    /** Header of a dead-lettered record naming the consumer that parked it. */
    public static final String CONSUMER_HEADER = "fallnetz-consumer";

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Inbox inbox;
    private final MeterRegistry registry;
    private final EventTracing tracing;
    private final ParkedEvents parkedEvents;
    private final Map<EventType, ObjectReader> readers = new EnumMap<>(EventType.class);
    private final Map<EventType, List<RecordComponent>> required = new EnumMap<>(EventType.class);

    public EventConsumer(Inbox inbox, ObjectMapper mapper, MeterRegistry registry, EventTracing tracing,
            ParkedEvents parkedEvents) {
        this.inbox = inbox;
        this.registry = registry;
        this.tracing = tracing;
        this.parkedEvents = parkedEvents;
        for (EventType type : EventType.values()) {
            readers.put(type, mapper.readerFor(type.dataClass())
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
            required.put(type, requiredComponents(type, mapper));
        }
    }

    /**
     * Reads the message and applies {@code handler} once, in the inbox transaction. Events of types this consumer
     * has no use for, including types newer than this build, are acknowledged and skipped.
     *
     * @param consumer name under which the inbox remembers applied events, e.g. {@code partner-service}
     */
    public CompletionStage<Void> consume(Message<String> message, String consumer, Consumer<ReceivedEvent> handler) {
        ReceivedEvent event;
        try {
            Optional<ReceivedEvent> read = read(message);
            if (read.isEmpty()) {
                count(consumer, "ignored");
                return message.ack();
            }
            event = read.get();
        } catch (UnreadableEventException e) {
            return deadLetter(message, consumer, e);
        }
        try {
            boolean applied = inbox.applyOnce(consumer, event, traced(consumer, handler));
            count(consumer, applied ? "applied" : "duplicate");
            return message.ack();
        } catch (UnreadableEventException e) {
            return deadLetter(message, consumer, e);
        }
    }

    /**
     * Applies a batch of records as {@link #consume} applies one, with the same handler: all readable events in one
     * inbox transaction, in the order of the batch. If that transaction fails, the events are applied one at a time
     * (each retried until it succeeds), so that one failing event costs its batch the speed but nothing else. The
     * batch is acknowledged once every record is applied, skipped or dead-lettered.
     * <p>
     * For a channel with {@code batch=true}: {@code @Incoming("case-events") @Blocking CompletionStage<Void>
     * onCaseEvents(KafkaRecordBatch<String, String> batch)}.
     */
    public CompletionStage<Void> consumeBatch(KafkaRecordBatch<String, String> batch, String consumer,
            Consumer<ReceivedEvent> handler) {
        return consumeBatch(batch, consumer, event -> true, handler);
    }

    /**
     * As {@link #consumeBatch(KafkaRecordBatch, String, Consumer)}, for a consumer that needs only some of a topic's
     * events: the others are acknowledged as {@code ignored} without an inbox entry, so a service that waits for one
     * kind of request does not pay a database commit for every event on the topic.
     */
    public CompletionStage<Void> consumeBatch(KafkaRecordBatch<String, String> batch, String consumer,
            Predicate<ReceivedEvent> wanted, Consumer<ReceivedEvent> untraced) {
        Consumer<ReceivedEvent> handler = traced(consumer, untraced);
        List<KafkaRecord<String, String>> records = batch.getRecords();
        List<ReceivedEvent> events = new ArrayList<>(records.size());
        List<KafkaRecord<String, String>> eventRecords = new ArrayList<>(records.size());
        List<CompletionStage<Void>> parked = new ArrayList<>();
        for (KafkaRecord<String, String> record : records) {
            try {
                Optional<ReceivedEvent> read = read(record);
                if (read.isPresent() && wanted.test(read.get())) {
                    events.add(read.get());
                    eventRecords.add(record);
                } else {
                    count(consumer, "ignored");
                }
            } catch (UnreadableEventException e) {
                parked.add(deadLetter(record, consumer, e));
            }
        }
        if (!events.isEmpty()) {
            try {
                List<Boolean> applied = inbox.applyAll(consumer, events, handler);
                applied.forEach(a -> count(consumer, a ? "applied" : "duplicate"));
            } catch (RuntimeException e) {
                LOG.debugf("%s applies a batch of %d events one at a time after: %s", consumer, events.size(), e);
                for (int i = 0; i < events.size(); i++) {
                    try {
                        count(consumer, inbox.applyOnce(consumer, events.get(i), handler) ? "applied" : "duplicate");
                    } catch (UnreadableEventException u) {
                        parked.add(deadLetter(eventRecords.get(i), consumer, u));
                    }
                }
            }
        }
        return CompletableFuture.allOf(parked.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).thenCompose(done -> batch.ack());
    }

    /** Applies each event in a span that continues the trace it was published in. */
    private Consumer<ReceivedEvent> traced(String consumer, Consumer<ReceivedEvent> handler) {
        return event -> tracing.apply(consumer, event, handler);
    }

    private CompletionStage<Void> deadLetter(Message<?> message, String consumer, UnreadableEventException e) {
        LOG.errorf("%s parks a record on the dead-letter topic: %s", consumer, e.getMessage());
        count(consumer, "dead-lettered");
        parkedEvents.park(consumer, message, e.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add(CONSUMER_HEADER, consumer.getBytes(StandardCharsets.UTF_8));
        return message.nack(e, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }

    @SuppressWarnings("unchecked")
    Optional<ReceivedEvent> read(Message<String> message) {
        IncomingCloudEventMetadata<String> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new UnreadableEventException("not a CloudEvent (no ce_* headers)", null));
        Optional<EventType> type = EventType.ofType(ce.getType());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String subject = ce.getSubject().orElseThrow(
                () -> new UnreadableEventException("CloudEvent " + ce.getId() + " has no subject (case ID)", null));
        FallnetzEvent data;
        try {
            data = readers.get(type.get()).readValue(message.getPayload());
        } catch (IOException | IllegalArgumentException e) {
            // The message of a parse error quotes the data; the exception class and position say enough.
            throw new UnreadableEventException("CloudEvent " + ce.getId() + " of type " + ce.getType()
                    + " has data that does not parse as its schema: " + e.getClass().getSimpleName(), null);
        }
        if (data == null) {
            throw new UnreadableEventException("CloudEvent " + ce.getId() + " has no data", null);
        }
        checkRequired(ce.getId(), type.get(), data);
        if (!subject.equals(data.caseId())) {
            throw new UnreadableEventException("CloudEvent " + ce.getId() + " has subject " + subject
                    + " but its data names case " + data.caseId(), null);
        }
        Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElse(null);
        return Optional.of(new ReceivedEvent(ce.getId(), type.get(), ce.getSource().toString(), time, subject, data,
                traceparent(message, ce)));
    }

    /** The CloudEvents traceparent extension, or the plain Kafka header if only that came. */
    private static String traceparent(Message<String> message, IncomingCloudEventMetadata<String> ce) {
        Optional<Object> extension = ce.getExtension("traceparent");
        if (extension.isPresent()) {
            return extension.get().toString();
        }
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(EventTracing.TRACEPARENT))
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).orElse(null);
    }

    private void checkRequired(String id, EventType type, FallnetzEvent data) {
        for (RecordComponent component : required.get(type)) {
            Object value;
            try {
                value = component.getAccessor().invoke(data);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            if (value == null) {
                throw new UnreadableEventException("CloudEvent " + id + " of type " + type.type()
                        + " lacks the required field " + component.getName(), null);
            }
        }
    }

    /** The record components that the JSON Schema of {@code type} lists as required. */
    private static List<RecordComponent> requiredComponents(EventType type, ObjectMapper mapper) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("No schema " + type.schemaResource() + " on the classpath");
            }
            JsonNode names = mapper.readTree(in).path("required");
            List<String> wanted = StreamSupport.stream(names.spliterator(), false).map(JsonNode::asText).toList();
            List<RecordComponent> components = Arrays.stream(type.dataClass().getRecordComponents())
                    .filter(c -> wanted.contains(c.getName())).toList();
            if (components.size() != wanted.size()) {
                throw new IllegalStateException("Schema of " + type.type() + " requires " + wanted
                        + " but " + type.dataClass().getSimpleName() + " lacks some of them");
            }
            return components;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(String consumer, String outcome) {
        registry.counter("fallnetz.events.consumed", "consumer", consumer, "outcome", outcome).increment();
    }
}
