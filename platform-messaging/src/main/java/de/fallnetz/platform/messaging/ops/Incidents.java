package de.fallnetz.platform.messaging.ops;

import java.util.List;

/**
 * What one service reports to the operators' incident view. {@code lagError} says why the lag is missing (Kafka
 * away), so that the rest still shows.
 */
public record Incidents(String service, List<ParkedEvent> parkedEvents, List<StuckOutboxEvent> stuckOutbox,
        List<ConsumerLag> consumerLag, String lagError) {
}
