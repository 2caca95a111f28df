package de.fallnetz.notifications.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import de.fallnetz.notifications.config.NotificationConfig;
import io.agroal.api.AgroalDataSource;

/**
 * Status-page links: {@code <token id>.<expiry, epoch seconds>.<HMAC-SHA256 of both>}, all base64url. The id is 128
 * random bits, the HMAC makes a forged or altered token fail without a database read, and the {@code status_token}
 * row makes it revocable. One live token per case, reused by every mail until it expires.
 */
@ApplicationScoped
public class StatusTokens {

    private static final Logger LOG = Logger.getLogger(StatusTokens.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NotificationConfig config;
    private final AgroalDataSource dataSource;
    private final byte[] key;

    public StatusTokens(NotificationConfig config, AgroalDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        Optional<String> secret = config.statusToken().secret();
        if (secret.isPresent()) {
            if (secret.get().length() < 32) {
                throw new IllegalStateException("fallnetz.notifications.status-token.secret needs 32 characters");
            }
            this.key = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            LOG.warn("No fallnetz.notifications.status-token.secret: status links end when this process stops");
            this.key = new byte[32];
            RANDOM.nextBytes(key);
        }
    }

    /** The case's live token, issued now if it has none; joins the caller's transaction. */
    public String forCase(String caseId, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    select token_id, expires_at from status_token
                    where case_id = ? and revoked_at is null and expires_at > ? order by expires_at desc limit 1""")) {
                ps.setString(1, caseId);
                ps.setTimestamp(2, Timestamp.from(now.plus(1, ChronoUnit.DAYS)));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return token(rs.getString(1), rs.getTimestamp(2).toInstant().getEpochSecond());
                    }
                }
            }
            byte[] random = new byte[16];
            RANDOM.nextBytes(random);
            String id = B64.encodeToString(random);
            Instant expires = now.plus(config.statusToken().ttl()).truncatedTo(ChronoUnit.SECONDS);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into status_token (token_id, case_id, expires_at) values (?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, caseId);
                ps.setTimestamp(3, Timestamp.from(expires));
                ps.executeUpdate();
            }
            return token(id, expires.getEpochSecond());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not issue a status token for case " + caseId, e);
        }
    }

    /** The case a token stands for, if it is well-formed, signed by us, not expired and not revoked. */
    public Optional<String> caseOf(String token, Instant now) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] expected = mac(parts[0] + "." + parts[1]);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(expected, given) || Instant.ofEpochSecond(expires).isBefore(now)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select case_id from status_token where token_id = ? and revoked_at is null and expires_at > ?""")) {
            ps.setString(1, parts[0]);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check a status token", e);
        }
    }

    /** Ends every link of a case; the next mail issues a new one. */
    public int revokeAll(String caseId, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update status_token set revoked_at = ? where case_id = ? and revoked_at is null")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, caseId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not revoke the status tokens of case " + caseId, e);
        }
    }

    private String token(String id, long expiresEpochSecond) {
        String payload = id + "." + expiresEpochSecond;
        return payload + "." + B64.encodeToString(mac(payload));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
