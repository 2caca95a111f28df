package de.fallnetz.cases.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import de.fallnetz.cases.domain.TimelineService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Follows what the partner and notification services publish about cases, into each case's timeline. */
@ApplicationScoped
public class TimelineEventHandler {

    static final String CONSUMER = "case-service.timeline";

    private final EventConsumer events;
    private final TimelineService timeline;

    public TimelineEventHandler(EventConsumer events, TimelineService timeline) {
        this.events = events;
        this.timeline = timeline;
    }

    /** Batches of records (both channels have {@code batch=true}), each applied in one inbox transaction. */
    @Incoming("partner-events")
    @Blocking
    public CompletionStage<Void> onPartnerEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, timeline::record);
    }

    @Incoming("notification-events")
    @Blocking
    public CompletionStage<Void> onNotificationEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, timeline::record);
    }
}
