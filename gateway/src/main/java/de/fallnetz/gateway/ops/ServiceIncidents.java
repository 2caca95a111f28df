package de.fallnetz.gateway.ops;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One service's part of the incident view, as its {@code /ops/v1/incidents} answers (platform-messaging), or the
 * reason it could not be asked ({@code error}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServiceIncidents(String service, List<ParkedEvent> parkedEvents, List<StuckOutboxEvent> stuckOutbox,
        List<ConsumerLag> consumerLag, String lagError, String error) {

    static ServiceIncidents unreachable(String service, String error) {
        return new ServiceIncidents(service, List.of(), List.of(), List.of(), null, error);
    }

    ServiceIncidents named(String name) {
        return new ServiceIncidents(name, orEmpty(parkedEvents), orEmpty(stuckOutbox), orEmpty(consumerLag),
                lagError, error);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** An event a consumer of the service could not apply; never its data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ParkedEvent(long id, String consumer, String topic, String eventId, String type, String source,
            String caseId, String error, int attempts, Instant firstParkedAt, Instant parkedAt, String status,
            Instant resolvedAt, String resolvedBy, String reason) {
    }

    /** An outbox row Kafka has not acknowledged and that needs a look. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StuckOutboxEvent(long id, String eventId, String type, String topic, String caseId, int attempts,
            String lastError, long ageSeconds, boolean parked) {
    }

    /** Records of a topic a consumer group of the service has not committed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConsumerLag(String channel, String group, String topic, long lag) {
    }
}
