package de.fallnetz.cases.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import de.fallnetz.cases.domain.CaseLifecycle;
import de.fallnetz.cases.domain.TimelineService;
import de.fallnetz.contracts.events.InteractionEvent;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import de.fallnetz.platform.messaging.inbox.ReceivedEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Follows what the interaction and notification services publish about cases: every event goes on the case's
 * timeline, and the interaction services' answers move the case on, in the same transaction.
 */
@ApplicationScoped
public class TimelineEventHandler {

    static final String CONSUMER = "case-service.timeline";

    private final EventConsumer events;
    private final TimelineService timeline;
    private final CaseLifecycle lifecycle;

    public TimelineEventHandler(EventConsumer events, TimelineService timeline, CaseLifecycle lifecycle) {
        this.events = events;
        this.timeline = timeline;
        this.lifecycle = lifecycle;
    }

    /** Batches of records (both channels have {@code batch=true}), each applied in one inbox transaction. */
    @Incoming("partner-events")
    @Blocking
    public CompletionStage<Void> onPartnerEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, this::apply);
    }

    @Incoming("notification-events")
    @Blocking
    public CompletionStage<Void> onNotificationEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, timeline::record);
    }

    private void apply(ReceivedEvent event) {
        timeline.record(event);
        if (event.data() instanceof InteractionEvent interaction) {
            lifecycle.onInteractionEvent(TimelineService.caseIdOf(event), interaction);
        }
    }
}
