package de.fallnetz.interactions.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * Idempotency-Key for the partner API's writes, scoped to the caller's organisation. The key is claimed in the
 * write's own transaction: a retry with the same request gets the stored answer again, a concurrent one waits for the
 * first to commit, a failed write leaves no key behind, and the same key with another request is a 422.
 */
@ApplicationScoped
public class PartnerIdempotency {

    /** What a write answered, as it is stored for a retry. */
    public record Outcome(int status, Long version, Object body) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final InteractionClock clock;

    public PartnerIdempotency(EntityManager em, ObjectMapper mapper, InteractionClock clock) {
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public Response once(String organisation, String key, String requestHash, Supplier<Outcome> write) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw new ProblemException(Problem.typed("idempotency-key-missing", "Invalid request", 400,
                    "Every write needs an Idempotency-Key header (at most 200 characters)")
                    .withInvalidParams(List.of(new Problem.InvalidParam("Idempotency-Key", "required"))));
        }
        int claimed = em.createNativeQuery("""
                insert into partner_idempotency_key (organisation, idempotency_key, request_hash, status, body, created_at)
                values (?1, ?2, ?3, 0, '', ?4) on conflict do nothing""")
                .setParameter(1, organisation).setParameter(2, key).setParameter(3, requestHash)
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
        if (claimed == 0) {
            Object[] stored = (Object[]) em.createNativeQuery("""
                    select request_hash, status, etag, body from partner_idempotency_key
                    where organisation = ?1 and idempotency_key = ?2""")
                    .setParameter(1, organisation).setParameter(2, key).getSingleResult();
            if (!requestHash.equals(stored[0])) {
                throw new ProblemException(Problem.typed("idempotency-key-reused", "Unprocessable Content", 422,
                        "Idempotency-Key " + key + " was used for another request"));
            }
            Response.ResponseBuilder replay = Response.status(((Number) stored[1]).intValue())
                    .type(MediaType.APPLICATION_JSON).entity(stored[3]);
            if (stored[2] != null) {
                replay.tag(new EntityTag((String) stored[2]));
            }
            return replay.build();
        }
        Outcome outcome = write.get();
        String body;
        try {
            body = mapper.writeValueAsString(outcome.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String etag = outcome.version() == null ? null : String.valueOf(outcome.version());
        em.createNativeQuery("""
                update partner_idempotency_key set status = ?3, etag = ?4, body = ?5
                where organisation = ?1 and idempotency_key = ?2""")
                .setParameter(1, organisation).setParameter(2, key).setParameter(3, outcome.status())
                .setParameter(4, etag).setParameter(5, body).executeUpdate();
        Response.ResponseBuilder answer = Response.status(outcome.status()).type(MediaType.APPLICATION_JSON)
                .entity(body);
        if (etag != null) {
            answer.tag(new EntityTag(etag));
        }
        return answer.build();
    }

    /** SHA-256 of what identifies a request: the operation and its body. */
    public static String hash(String operation, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            if (body != null) {
                sha.update(body);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
