package de.fallnetz.gateway.partner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

/**
 * A token bucket per partner client: {@code burst} calls at once, {@code perSecond} in the long run; one client's
 * burst cannot slow the others down. The buckets live in the gateway's database, so that all gateway instances
 * share them (a row lock per client orders concurrent calls). While the database cannot be reached, each instance
 * falls back to a bucket in its own memory rather than refusing the partners.
 */
@ApplicationScoped
public class PartnerRateLimiter {

    private static final Logger LOG = Logger.getLogger(PartnerRateLimiter.class);
    private static final String CREATE = """
            insert into partner_rate_bucket (client, tokens, refilled_at) values (?, ?, clock_timestamp())
            on conflict (client) do nothing""";
    private static final String LOCK = """
            select tokens, extract(epoch from clock_timestamp() - refilled_at) from partner_rate_bucket
            where client = ? for update""";
    private static final String UPDATE = """
            update partner_rate_bucket set tokens = ?, refilled_at = clock_timestamp() where client = ?""";

    private final AgroalDataSource dataSource;
    private final int burst;
    private final double perSecond;
    private final ConcurrentMap<String, double[]> fallback = new ConcurrentHashMap<>();

    public PartnerRateLimiter(PartnerFrontDoorConfig config, AgroalDataSource dataSource) {
        this.burst = config.burst();
        this.perSecond = config.perSecond();
        this.dataSource = dataSource;
    }

    /** Takes one call from the client's bucket; 0 if allowed, otherwise the seconds until one is free again. */
    public long acquire(String client) {
        try {
            return acquireShared(client);
        } catch (SQLException e) {
            LOG.debugf("Partner rate limit held in memory while the database is away: %s", e.getMessage());
            return acquireLocal(client);
        }
    }

    private long acquireShared(String client) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(CREATE)) {
                    ps.setString(1, client);
                    ps.setDouble(2, burst);
                    ps.executeUpdate();
                }
                double tokens;
                double elapsedSeconds;
                try (PreparedStatement ps = c.prepareStatement(LOCK)) {
                    ps.setString(1, client);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        tokens = rs.getDouble(1);
                        elapsedSeconds = Math.max(0, rs.getDouble(2));
                    }
                }
                double[] after = take(tokens, elapsedSeconds);
                try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
                    ps.setDouble(1, after[0]);
                    ps.setString(2, client);
                    ps.executeUpdate();
                }
                c.commit();
                return (long) after[1];
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private long acquireLocal(String client) {
        // {tokens, nanoTime of the last refill}
        double[] bucket = fallback.computeIfAbsent(client, k -> new double[] { burst, System.nanoTime() });
        synchronized (bucket) {
            long now = System.nanoTime();
            double[] after = take(bucket[0], (now - bucket[1]) / 1e9);
            bucket[0] = after[0];
            bucket[1] = now;
            return (long) after[1];
        }
    }

    /** Refills the bucket for the time passed and takes one call: {tokens left, seconds to wait (0 = allowed)}. */
    double[] take(double tokens, double elapsedSeconds) {
        double refilled = Math.min(burst, tokens + elapsedSeconds * perSecond);
        if (refilled >= 1) {
            return new double[] { refilled - 1, 0 };
        }
        return new double[] { refilled, Math.ceil((1 - refilled) / perSecond) };
    }
}
