package de.fallnetz.cases.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import io.agroal.api.AgroalDataSource;

/**
 * What {@code POST /cases} reads and writes, as plain statements in the caller's transaction: the idempotency lock
 * and look-up and the new case's row; and the linked cases every view of a case lists. It is the hot path of every
 * case opened, where Hibernate was 40 % of the handler threads' samples (bench/README.md); the commands keep
 * {@link CaseEntity}.
 */
@ApplicationScoped
public class OpenCaseStore {

    /** First key of the idempotency locks: the two-key space, which the outbox relay's one-key lock never meets. */
    private static final int IDEMPOTENCY_LOCK_SPACE = 0x63617365;
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final String INSERT = """
            insert into fallnetz_case (id, case_type, catalogue_version, office_id, office_land, status, opened_at,
                status_changed_at, family_name, given_names, date_of_birth, nationality, preferred_language,
                applicant_email, azr_number, person_key, related_case_id, opened_by, on_behalf_of, application,
                postal_code, routing_reason, candidate_offices, idempotency_key, request_hash, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, 0)""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public OpenCaseStore(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    /** A case opened before under an idempotency key: its ID and the hash of the request that opened it. */
    public record Earlier(UUID id, String requestHash) {
    }

    /**
     * Serialises requests with the same idempotency key until the end of the transaction (a PostgreSQL advisory
     * lock); waits at most 5 s for a request still running, then answers 409.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockIdempotencyKey(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement timeout = c.prepareStatement("set local lock_timeout = '5s'");
                PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            timeout.execute();
            lock.setInt(1, IDEMPOTENCY_LOCK_SPACE);
            lock.setString(2, key);
            lock.execute();
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new ProblemException(Problem.typed("in-progress", "Request in progress", 409,
                        "A request with this Idempotency-Key is still being processed; retry with the same key"));
            }
            throw new IllegalStateException("Could not lock idempotency key", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Earlier> findByIdempotencyKey(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select id, request_hash from fallnetz_case where idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Earlier(rs.getObject(1, UUID.class), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up idempotency key", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean exists(UUID caseId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from fallnetz_case where id = ?")) {
            ps.setObject(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up case " + caseId, e);
        }
    }

    /** Inserts the new case's row, version 0. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(CaseEntity n) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            int i = 1;
            ps.setObject(i++, n.id);
            ps.setString(i++, n.caseType);
            ps.setObject(i++, n.catalogueVersion);
            ps.setString(i++, n.officeId);
            ps.setString(i++, n.officeLand);
            ps.setString(i++, n.status.name());
            ps.setObject(i++, utc(n.openedAt));
            ps.setObject(i++, utc(n.statusChangedAt));
            ps.setString(i++, n.familyName);
            ps.setString(i++, n.givenNames);
            ps.setObject(i++, n.dateOfBirth);
            ps.setString(i++, n.nationality);
            ps.setString(i++, n.preferredLanguage);
            ps.setString(i++, n.applicantEmail);
            ps.setString(i++, n.azrNumber);
            ps.setString(i++, n.personKey);
            ps.setObject(i++, n.relatedCaseId);
            ps.setString(i++, n.openedBy);
            ps.setString(i++, n.onBehalfOf);
            ps.setString(i++, mapper.writeValueAsString(n.application));
            ps.setString(i++, n.postalCode);
            ps.setString(i++, n.routingReason);
            ps.setArray(i++, c.createArrayOf("text", n.candidateOffices));
            ps.setString(i++, n.idempotencyKey);
            ps.setString(i, n.requestHash);
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("Could not store case " + n.id, e);
        }
    }

    /**
     * Other cases of the same person, the case this one belongs to, and the cases that belong to it. A plain
     * statement, also outside a transaction (a read): through Hibernate, this query with a {@code UUID.class} result
     * was cached anew on every run, all under one hash, so each case read scanned a query plan cache grown to its
     * limit (Hibernate 7.2; {@code QueryPlanCacheTest}). Only case opening sets the columns it reads, so it needs no
     * flush of pending changes first.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> linkedCases(CaseEntity kase) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id from fallnetz_case
                where id <> ? and (person_key = ? or id = ? or related_case_id = ?)
                order by opened_at limit 50""")) {
            ps.setObject(1, kase.id);
            ps.setString(2, kase.personKey);
            ps.setObject(3, kase.relatedCaseId);
            ps.setObject(4, kase.id);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the cases linked to " + kase.id, e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
