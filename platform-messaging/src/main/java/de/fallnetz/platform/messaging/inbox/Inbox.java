package de.fallnetz.platform.messaging.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * Remembers which events a consumer has applied, in the same transaction as their effect. An event is known by its
 * CloudEvent source and ID; rows written before the source was recorded have the source {@code ''} and count for any
 * source until they expire.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private static final String RECORD = """
            insert into processed_event (consumer, source, event_id, traceparent)
            select ?, e.source, e.event_id, e.traceparent
            from unnest(?::text[], ?::text[], ?::text[]) as e (source, event_id, traceparent)
            where not exists (select 1 from processed_event p
                              where p.consumer = ? and p.source = '' and p.event_id = e.event_id)
            on conflict do nothing
            returning source, event_id""";

    private final AgroalDataSource dataSource;

    public Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code handler} and records the event in one new transaction, unless the consumer applied it before.
     * A failure is retried with growing pauses (up to 30 s apart) until it succeeds, so that nothing is skipped and
     * the events of a case stay in order; an {@link UnreadableEventException} is not retried.
     *
     * @return true if the handler ran, false for a redelivery
     */
    @Retry(maxRetries = -1, delay = 200, maxDuration = 7, durationUnit = ChronoUnit.DAYS, jitter = 100,
            abortOn = UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 30_000)
    public boolean applyOnce(String consumer, ReceivedEvent event, Consumer<ReceivedEvent> handler) {
        try {
            return applyAll(consumer, List.of(event), handler).get(0);
        } catch (UnreadableEventException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("%s could not apply %s %s, will retry: %s", consumer, event.type().type(), event.id(), e);
            throw e;
        }
    }

    /**
     * Runs {@code handler} for each event the consumer has not applied before, in the given order, and records them
     * all, in one new transaction: all of them take effect or none. No retry: the caller decides what a failure means.
     *
     * @return per event, true if the handler ran, false for a redelivery (or a second copy within {@code events})
     */
    public List<Boolean> applyAll(String consumer, List<ReceivedEvent> events, Consumer<ReceivedEvent> handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<Key> fresh = record(consumer, events);
            List<Boolean> applied = new ArrayList<>(events.size());
            for (ReceivedEvent event : events) {
                boolean first = fresh.remove(new Key(event.source(), event.id()));
                if (first) {
                    handler.accept(event);
                }
                applied.add(first);
            }
            return applied;
        });
    }

    /** Inserts the events' keys; returns those that were not there yet. */
    private Set<Key> record(String consumer, List<ReceivedEvent> events) {
        String[] sources = events.stream().map(ReceivedEvent::source).toArray(String[]::new);
        String[] ids = events.stream().map(ReceivedEvent::id).toArray(String[]::new);
        String[] traceparents = events.stream().map(ReceivedEvent::traceparent).toArray(String[]::new);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("text", sources));
            ps.setArray(3, c.createArrayOf("text", ids));
            ps.setArray(4, c.createArrayOf("text", traceparents));
            ps.setString(5, consumer);
            Set<Key> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(new Key(rs.getString(1), rs.getString(2)));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record " + events.size() + " events for " + consumer, e);
        }
    }

    private record Key(String source, String id) {
    }
}
