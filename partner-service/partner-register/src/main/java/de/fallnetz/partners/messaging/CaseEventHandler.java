package de.fallnetz.partners.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.partners.domain.PartnerCaseService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

@ApplicationScoped
public class CaseEventHandler {

    static final String CONSUMER = "partner-service.cases";

    private final EventConsumer events;
    private final PartnerCaseService partnerCases;

    public CaseEventHandler(EventConsumer events, PartnerCaseService partnerCases) {
        this.events = events;
        this.partnerCases = partnerCases;
    }

    /**
     * A batch of records (the channel has {@code batch=true}), applied in one inbox transaction; case events other
     * than an opening are skipped without an inbox entry.
     */
    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, event -> event.data() instanceof CaseOpened, event -> {
            if (event.data() instanceof CaseOpened opened) {
                partnerCases.register(opened);
            }
        });
    }
}
