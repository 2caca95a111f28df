package de.fallnetz.cases.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.contracts.cases.ApplicantData;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.contracts.cases.TimelineEntry;
import de.fallnetz.contracts.cases.TimelineResponse;
import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.EventType;
import de.fallnetz.platform.messaging.outbox.Outbox;
import de.fallnetz.platform.messaging.outbox.OutboxConfig;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

@ApplicationScoped
public class CaseService {

    /** The result of opening a case: {@code created} is false when an idempotent retry found the case it made. */
    public record OpenedCase(CaseResponse response, boolean created) {
    }

    private final Outbox outbox;
    private final OutboxConfig outboxConfig;
    private final ObjectMapper mapper;

    public CaseService(Outbox outbox, OutboxConfig outboxConfig, ObjectMapper mapper) {
        this.outbox = outbox;
        this.outboxConfig = outboxConfig;
        this.mapper = mapper;
    }

    /** Stores the case, its first timeline entry and the CaseOpened event in one transaction. */
    @Transactional
    public OpenedCase open(OpenCaseRequest request, String idempotencyKey) {
        String hash = hash(request);
        if (idempotencyKey != null) {
            // A retry may arrive while the first request is still being processed: it waits here until that one
            // has committed, then finds its case, instead of failing on the key's unique constraint.
            CaseEntity.lockIdempotencyKey(idempotencyKey);
            Optional<CaseEntity> earlier = CaseEntity.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                if (!hash.equals(earlier.get().requestHash)) {
                    throw new ProblemException(Problem.typed("idempotency-key-reused", "Idempotency key reused", 422,
                            "This Idempotency-Key was already used for a different request"));
                }
                return new OpenedCase(toResponse(earlier.get()), false);
            }
        }
        // Microseconds: what PostgreSQL stores, so the response equals what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CaseEntity c = new CaseEntity();
        c.id = UUID.randomUUID();
        c.caseType = request.caseType();
        c.officeId = request.officeId();
        c.status = "OPEN";
        c.openedAt = now;
        ApplicantData a = request.applicant();
        c.familyName = a.familyName().strip();
        c.givenNames = a.givenNames().strip();
        c.dateOfBirth = a.dateOfBirth();
        c.nationality = a.nationality();
        c.preferredLanguage = a.languageOrDefault();
        c.idempotencyKey = idempotencyKey;
        c.requestHash = hash;
        c.persist();

        CaseOpened event = new CaseOpened(c.id.toString(), c.caseType, c.officeId, c.preferredLanguage, now);
        UUID eventId = outbox.publish(event, now);
        TimelineService.append(c.id, eventId.toString(), EventType.CASE_OPENED.type(), outboxConfig.source(), now,
                "Case opened at " + c.officeId + " (" + c.caseType + ")");
        return new OpenedCase(toResponse(c), true);
    }

    public Optional<CaseResponse> find(UUID caseId) {
        return CaseEntity.<CaseEntity>findByIdOptional(caseId).map(CaseService::toResponse);
    }

    public Optional<TimelineResponse> timeline(UUID caseId) {
        if (CaseEntity.findById(caseId) == null) {
            return Optional.empty();
        }
        List<TimelineEntry> entries = TimelineEntryEntity.ofCase(caseId).stream()
                .map(e -> new TimelineEntry(e.eventId, e.eventType, e.source, e.occurredAt, e.summary))
                .toList();
        return Optional.of(new TimelineResponse(caseId.toString(), entries));
    }

    private static CaseResponse toResponse(CaseEntity c) {
        return new CaseResponse(c.id.toString(), c.caseType, c.officeId, c.status, c.openedAt,
                new ApplicantData(c.familyName, c.givenNames, c.dateOfBirth, c.nationality, c.preferredLanguage));
    }

    private String hash(OpenCaseRequest request) {
        try {
            byte[] json = mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
