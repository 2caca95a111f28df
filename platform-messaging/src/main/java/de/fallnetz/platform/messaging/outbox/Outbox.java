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
import de.fallnetz.platform.messaging.trace.EventTracing;
import io.agroal.api.AgroalDataSource;

/**
 * Publishes an event by writing it into the outbox table inside the caller's transaction: it reaches Kafka if and
 * only if the state change it describes commits. The {@link OutboxRelay} sends it after the commit. The row keeps the
 * trace context of the writing transaction, so that the event's consumers continue its trace.
 */
@ApplicationScoped
public class Outbox {

    /**
     * Takes a transaction-scoped advisory lock on the subject (the case) before the row draws its id, so that two
     * transactions writing events of one case get their ids in the order they commit: the second waits for the
     * first to end. Without it, ids of one case could commit out of order and the relay, which sends in id order,
     * would send them out of order. The two-key form keeps these locks apart from the relay's single-key lock.
     */
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, event_type, subject, source, data_schema, occurred_at, payload,
                traceparent)
            select ?, ?, ?, ?, ?, ?, ?, ?, ? from (select pg_advisory_xact_lock(?, hashtext(?))) as subject_lock""";

    /** First key of the per-subject advisory locks. */
    static final int SUBJECT_LOCK_CLASS = 0x0fa1;

    private static final Object NUDGE_REGISTERED = new Object();

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
            ps.setString(9, EventTracing.currentTraceparent());
            ps.setInt(10, SUBJECT_LOCK_CLASS);
            ps.setString(11, event.caseId());
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + type.type() + " to the outbox", e);
        }
        if (transactions.getResource(NUDGE_REGISTERED) == null) {
            transactions.putResource(NUDGE_REGISTERED, Boolean.TRUE);
            nudgeAfterCommit();
        }
        return eventId;
    }

    private void nudgeAfterCommit() {
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
    }
}
