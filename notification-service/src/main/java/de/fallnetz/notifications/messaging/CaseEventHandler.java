package de.fallnetz.notifications.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.notifications.domain.NotificationService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import io.smallrye.common.annotation.Blocking;

@ApplicationScoped
public class CaseEventHandler {

    static final String CONSUMER = "notification-service.cases";

    private final EventConsumer events;
    private final NotificationService notifications;

    public CaseEventHandler(EventConsumer events, NotificationService notifications) {
        this.events = events;
        this.notifications = notifications;
    }

    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvent(Message<String> message) {
        return events.consume(message, CONSUMER, event -> {
            if (event.data() instanceof CaseOpened opened) {
                notifications.caseOpened(opened);
            }
        });
    }
}
