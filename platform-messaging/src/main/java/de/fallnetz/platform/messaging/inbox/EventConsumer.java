package de.fallnetz.platform.messaging.inbox;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/**
 * Applies incoming CloudEvents exactly once per consumer: the handler's effect and the inbox entry commit together,
 * and a redelivered event is acknowledged without running the handler again.
 * <p>
 * A record that cannot be read is nacked, and the channel's failure strategy parks it on the dead-letter topic.
 * A handler failure (the database is away, say) is retried by {@link Inbox#applyOnce} until it succeeds.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Inbox inbox;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    public EventConsumer(Inbox inbox, ObjectMapper mapper, MeterRegistry registry) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.registry = registry;
    }

    /**
     * Reads the message and applies {@code handler} once. Events of types this consumer has no use for, including
     * types newer than this build, are acknowledged and skipped.
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
            LOG.errorf("%s parks an unreadable record on the dead-letter topic: %s", consumer, e.getMessage());
            count(consumer, "dead-lettered");
            return message.nack(e);
        }
        try {
            boolean applied = inbox.applyOnce(consumer, event, handler);
            count(consumer, applied ? "applied" : "duplicate");
            return message.ack();
        } catch (UnreadableEventException e) {
            LOG.errorf("%s parks event %s on the dead-letter topic: %s", consumer, event.id(), e.getMessage());
            count(consumer, "dead-lettered");
            return message.nack(e);
        }
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
        try {
            FallnetzEvent data = mapper.readValue(message.getPayload(), type.get().dataClass());
            if (!subject.equals(data.caseId())) {
                throw new UnreadableEventException("CloudEvent " + ce.getId() + " has subject " + subject
                        + " but its data names case " + data.caseId(), null);
            }
            Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElse(null);
            return Optional.of(new ReceivedEvent(ce.getId(), type.get(), ce.getSource().toString(), time, subject,
                    data));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new UnreadableEventException("CloudEvent " + ce.getId() + " of type " + ce.getType()
                    + " has data that does not fit its schema: " + e.getMessage(), e);
        }
    }

    private void count(String consumer, String outcome) {
        registry.counter("fallnetz.events.consumed", "consumer", consumer, "outcome", outcome).increment();
    }
}
