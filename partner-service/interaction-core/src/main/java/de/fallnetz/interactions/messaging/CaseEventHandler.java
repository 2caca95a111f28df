package de.fallnetz.interactions.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import de.fallnetz.contracts.events.InformationSupplied;
import de.fallnetz.contracts.events.InteractionCancelled;
import de.fallnetz.contracts.events.InteractionEvent;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.interactions.domain.InteractionPolicies;
import de.fallnetz.interactions.domain.InteractionService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import de.fallnetz.platform.messaging.inbox.ReceivedEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Takes the interaction requests, supplied information and cancellations of this service's kinds from case.events,
 * each exactly once (the inbox), and any other case event a policy turns into a request of its kind; the other kinds
 * belong to other interaction services.
 */
@ApplicationScoped
public class CaseEventHandler {

    private final EventConsumer events;
    private final InteractionService interactions;
    private final InteractionPolicies policies;
    private final String consumer;

    public CaseEventHandler(EventConsumer events, InteractionService interactions, InteractionPolicies policies,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.events = events;
        this.interactions = interactions;
        this.policies = policies;
        this.consumer = application + ".interactions";
    }

    /** Batches of records ({@code batch=true}); events of other kinds are skipped without an inbox entry. */
    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, consumer, this::ours, event -> {
            if (event.data() instanceof InteractionRequested requested) {
                interactions.request(requested);
            } else if (event.data() instanceof InformationSupplied supplied) {
                interactions.supplied(supplied);
            } else if (event.data() instanceof InteractionCancelled cancelled) {
                interactions.cancelled(cancelled);
            } else {
                policies.requestFrom(event.data()).ifPresent(interactions::request);
            }
        });
    }

    /** A request, supplied information or cancellation of one of this service's kinds. */
    private boolean ours(ReceivedEvent event) {
        if (event.data() instanceof InteractionRequested || event.data() instanceof InformationSupplied
                || event.data() instanceof InteractionCancelled) {
            return interactions.handles(((InteractionEvent) event.data()).kind());
        }
        return policies.requestFrom(event.data()).isPresent();
    }
}
