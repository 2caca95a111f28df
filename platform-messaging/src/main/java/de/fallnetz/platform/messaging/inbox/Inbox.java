package de.fallnetz.platform.messaging.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/** Remembers which events a consumer has applied, in the same transaction as their effect. */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

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
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!firstDelivery(consumer, event.id())) {
                    return false;
                }
                handler.accept(event);
                return true;
            });
        } catch (UnreadableEventException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("%s could not apply %s %s, will retry: %s", consumer, event.type().type(), event.id(), e);
            throw e;
        }
    }

    private boolean firstDelivery(String consumer, String eventId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing")) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record event " + eventId + " for " + consumer, e);
        }
    }
}
