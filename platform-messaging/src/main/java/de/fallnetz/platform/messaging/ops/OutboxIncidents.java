package de.fallnetz.platform.messaging.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.platform.messaging.outbox.OutboxRelay;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import io.agroal.api.AgroalDataSource;

/** The outbox rows an operator should look at, and the release of a row the relay parked. */
@ApplicationScoped
public class OutboxIncidents {

    private static final String STUCK = """
            select id, event_id, event_type, topic, subject, attempts, last_error,
                   ceil(extract(epoch from now() - occurred_at))::bigint, parked_at is not null
            from outbox_event
            where published_at is null
              and (parked_at is not null or attempts > 0 or occurred_at < now() - interval '1 minute')
            order by id limit ?""";

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;

    public OutboxIncidents(AgroalDataSource dataSource, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.relay = relay;
    }

    public List<StuckOutboxEvent> stuck(int limit) {
        List<StuckOutboxEvent> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(STUCK)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StuckOutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the outbox", e);
        }
    }

    /**
     * Gives a parked row back to the relay, which sends it with the next batch; its attempts are kept, so one more
     * refusal parks it again.
     */
    public void release(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update outbox_event set parked_at = null where id = ? and published_at is null"
                        + " and parked_at is not null")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 0) {
                throw new ProblemException(Problem.typed("not-parked", "Conflict", 409,
                        "Outbox event " + id + " is not parked"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release outbox event " + id, e);
        }
        relay.nudge();
    }
}
