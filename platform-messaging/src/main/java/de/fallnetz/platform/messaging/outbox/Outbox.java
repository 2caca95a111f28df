package de.fallnetz.platform.messaging.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;
import io.agroal.api.AgroalDataSource;

/**
 * Publishes an event by writing it into the outbox table inside the caller's transaction: it reaches Kafka if and
 * only if the state change it describes commits. The {@link OutboxRelay} sends it after the commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox_event (event_id, topic, event_type, subject, source, data_schema, occurred_at, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(AgroalDataSource dataSource, ObjectMapper mapper, OutboxConfig config,
            TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.config = config;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Records the event in the current transaction and returns its CloudEvent ID. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(FallnetzEvent event, Instant occurredAt) {
        EventType type = EventType.of(event);
        UUID eventId = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, eventId);
            ps.setString(2, type.topic());
            ps.setString(3, type.type());
            ps.setString(4, event.caseId());
            ps.setString(5, config.source());
            ps.setString(6, type.dataSchema());
            ps.setTimestamp(7, Timestamp.from(occurredAt));
            ps.setString(8, mapper.writeValueAsString(event));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + type.type() + " to the outbox", e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.nudge();
                }
            }
        });
        return eventId;
    }
}
