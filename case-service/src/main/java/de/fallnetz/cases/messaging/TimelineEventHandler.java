package de.fallnetz.cases.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import de.fallnetz.cases.domain.TimelineService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import io.smallrye.common.annotation.Blocking;

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

    @Incoming("partner-events")
    @Blocking
    public CompletionStage<Void> onPartnerEvent(Message<String> message) {
        return events.consume(message, CONSUMER, timeline::record);
    }

    @Incoming("notification-events")
    @Blocking
    public CompletionStage<Void> onNotificationEvent(Message<String> message) {
        return events.consume(message, CONSUMER, timeline::record);
    }
}
