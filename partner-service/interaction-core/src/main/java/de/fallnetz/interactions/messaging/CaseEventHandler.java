package de.fallnetz.interactions.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import de.fallnetz.contracts.events.InformationSupplied;
import de.fallnetz.contracts.events.InteractionCancelled;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.interactions.domain.InteractionService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import io.smallrye.common.annotation.Blocking;

/**
 * Takes the interaction requests, supplied information and cancellations of this service's kinds from case.events,
 * each exactly once (the inbox); the other kinds belong to other interaction services.
 */
@ApplicationScoped
public class CaseEventHandler {

    private final EventConsumer events;
    private final InteractionService interactions;
    private final String consumer;

    public CaseEventHandler(EventConsumer events, InteractionService interactions,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.events = events;
        this.interactions = interactions;
        this.consumer = application + ".interactions";
    }

    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvent(Message<String> message) {
        return events.consume(message, consumer, event -> {
            if (event.data() instanceof InteractionRequested requested) {
                interactions.request(requested);
            } else if (event.data() instanceof InformationSupplied supplied) {
                interactions.supplied(supplied);
            } else if (event.data() instanceof InteractionCancelled cancelled) {
                interactions.cancelled(cancelled);
            }
        });
    }
}
