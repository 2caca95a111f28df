package de.fallnetz.platform.messaging.ops;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * The events this service's consumers could not apply, in the service's own database (table {@code parked_event}):
 * each consumer answers for what it parked. A retry sends the record back to its topic with its original key and
 * CloudEvent headers through the outbox's Kafka producer; every consumer's inbox knows the event by source and ID, so
 * it is applied at most once however often it is sent. A discard keeps the row, with who and why.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final Logger LOG = Logger.getLogger(ParkedEvents.class);

    /** Headers worth sending again: the CloudEvent's own and the trace context; not the dead-letter reasons. */
    private static final List<String> KEPT_HEADER_PREFIXES = List.of("ce_", "content-type", "traceparent",
            "tracestate");

    private static final String PARK = """
            insert into parked_event (consumer, record_ref, topic, kafka_partition, kafka_offset, record_key, headers,
                payload, event_id, event_type, source, subject, error)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
            on conflict (consumer, record_ref) do update set
                attempts = parked_event.attempts + 1, error = excluded.error, parked_at = now(), status = 'parked',
                kafka_partition = excluded.kafka_partition, kafka_offset = excluded.kafka_offset,
                resolved_at = null, resolved_by = null, reason = null
            where parked_event.status <> 'discarded'""";

    private static final String COLUMNS = """
            id, consumer, topic, event_id, event_type, source, subject, error, attempts, first_parked_at, parked_at,
            status, resolved_at, resolved_by, reason""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final KafkaClientService kafka;

    public ParkedEvents(AgroalDataSource dataSource, ObjectMapper mapper, KafkaClientService kafka) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.kafka = kafka;
    }

    /**
     * Records a record the consumer gave up on. Never throws: the record is on the dead-letter topic as well, and a
     * failing insert (the database away) must not stop the consumer.
     */
    public void park(String consumer, Message<?> message, String error) {
        Optional<IncomingKafkaRecordMetadata> kafkaRecord = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Map<String, String> headers = new LinkedHashMap<>();
        String topic = "unknown";
        Integer partition = null;
        Long offset = null;
        String key = null;
        if (kafkaRecord.isPresent()) {
            IncomingKafkaRecordMetadata<?, ?> m = kafkaRecord.get();
            topic = m.getTopic();
            partition = m.getPartition();
            offset = m.getOffset();
            key = m.getKey() == null ? null : m.getKey().toString();
            for (Header h : m.getHeaders()) {
                if (h.value() != null && KEPT_HEADER_PREFIXES.stream().anyMatch(p -> h.key().startsWith(p))) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
            }
        }
        String id = headers.get("ce_id");
        String source = headers.get("ce_source");
        String ref = id != null && source != null ? source + " " + id : topic + "-" + partition + "@" + offset;
        Object payload = message.getPayload();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PARK)) {
            ps.setString(1, consumer);
            ps.setString(2, ref);
            ps.setString(3, topic);
            ps.setObject(4, partition, Types.INTEGER);
            ps.setObject(5, offset, Types.BIGINT);
            ps.setString(6, key);
            ps.setString(7, mapper.writeValueAsString(headers));
            ps.setString(8, payload == null ? null : payload.toString());
            ps.setString(9, id);
            ps.setString(10, headers.get("ce_type"));
            ps.setString(11, source);
            ps.setString(12, headers.get("ce_subject"));
            ps.setString(13, error == null ? "unknown" : error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException | RuntimeException e) {
            LOG.errorf("%s could not record parked record %s for the incident view (it is on the dead-letter topic):"
                    + " %s", consumer, ref, e.toString());
        }
    }

    /** Parked and retried events, oldest first; discarded ones too if asked. Never their data. */
    public List<ParkedEvent> list(boolean withDiscarded, int limit) {
        String sql = "select " + COLUMNS + " from parked_event"
                + (withDiscarded ? "" : " where status <> 'discarded'") + " order by id limit ?";
        List<ParkedEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(row(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the parked events", e);
        }
    }

    /** The event with this id, if any. */
    public Optional<ParkedEvent> find(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from parked_event where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read parked event " + id, e);
        }
    }

    /**
     * Sends the record back to its topic. The row is marked {@code retried} first, so that a consumer parking it
     * again at once is not overwritten; if Kafka does not take it, the row goes back to {@code parked}.
     */
    public ParkedEvent retry(long id, String actor) {
        Stored stored = stored(id);
        if ("discarded".equals(stored.status())) {
            throw new ProblemException(Problem.typed("event-discarded", "Conflict", 409,
                    "Parked event " + id + " was discarded and cannot be retried"));
        }
        resolve(id, "retried", actor, null, "status <> 'discarded'");
        try {
            send(stored);
        } catch (RuntimeException e) {
            resolve(id, "parked", null, null, "status = 'retried'");
            throw new ProblemException(Problem.typed("kafka-unavailable", "Service Unavailable", 503,
                    "Kafka did not take the record back; try again later"));
        }
        return find(id).orElseThrow();
    }

    /** Marks the event as not to be applied, with the operator's reason. */
    public ParkedEvent discard(long id, String actor, String reason) {
        Stored stored = stored(id);
        if ("discarded".equals(stored.status())) {
            return find(id).orElseThrow();
        }
        resolve(id, "discarded", actor, reason, "status <> 'discarded'");
        return find(id).orElseThrow();
    }

    private void resolve(long id, String status, String actor, String reason, String condition) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update parked_event set status = ?, resolved_at = case when ? = 'parked' then null else now() end,"
                        + " resolved_by = ?, reason = ? where id = ? and " + condition)) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, actor);
            ps.setString(4, reason);
            ps.setLong(5, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not update parked event " + id, e);
        }
    }

    private void send(Stored stored) {
        KafkaProducer<String, String> channel = kafka.getProducer("outbox");
        if (channel == null) {
            throw new IllegalStateException("No outbox producer");
        }
        Producer<String, String> producer = channel.unwrap();
        RecordHeaders headers = new RecordHeaders();
        stored.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(new ProducerRecord<>(stored.topic(), null, stored.key(), stored.payload(), headers))
                    .get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the retried record", e);
        }
    }

    private Stored stored(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select topic, record_key, headers::text, payload, status from parked_event where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Parked event " + id);
                }
                Map<String, String> headers = mapper.readValue(rs.getString(3), new TypeReference<>() {
                });
                return new Stored(rs.getString(1), rs.getString(2), headers, rs.getString(4), rs.getString(5));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not read parked event " + id, e);
        }
    }

    private static ParkedEvent row(ResultSet rs) throws SQLException {
        return new ParkedEvent(rs.getLong("id"), rs.getString("consumer"), rs.getString("topic"),
                rs.getString("event_id"), rs.getString("event_type"), rs.getString("source"),
                rs.getString("subject"), rs.getString("error"), rs.getInt("attempts"),
                rs.getTimestamp("first_parked_at").toInstant(), rs.getTimestamp("parked_at").toInstant(),
                rs.getString("status"),
                rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant(),
                rs.getString("resolved_by"), rs.getString("reason"));
    }

    private record Stored(String topic, String key, Map<String, String> headers, String payload, String status) {
    }
}
