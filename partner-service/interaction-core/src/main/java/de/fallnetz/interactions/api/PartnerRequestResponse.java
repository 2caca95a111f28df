package de.fallnetz.interactions.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import de.fallnetz.interactions.domain.DeadlineRule;
import de.fallnetz.interactions.domain.DocumentEntity;
import de.fallnetz.interactions.domain.InteractionRequestEntity;

/** A request as its partner sees it: only the data the catalogue passes to that partner. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartnerRequestResponse(String id, String caseId, String kind, String caseType, String officeId,
        String officeLand, boolean accelerated, String state, DeadlineRule deadline, Instant dueAt, Instant pausedAt,
        Map<String, Object> data, String claimedBy, String missing, String outcome, String reasons,
        List<String> conditions, Map<String, Object> answerDetails, List<DocumentResponse> documents, long version, Instant requestedAt,
        Instant updatedAt) {

    /** A document uploaded to the request. */
    public record DocumentResponse(String id, String fileName, long sizeBytes, String sha256, Instant uploadedAt) {

        static DocumentResponse of(DocumentEntity d) {
            return new DocumentResponse(d.id.toString(), d.fileName, d.sizeBytes, d.sha256, d.uploadedAt);
        }
    }

    static PartnerRequestResponse of(InteractionRequestEntity r, boolean withDetails) {
        return new PartnerRequestResponse(r.id, r.caseId, r.kind, r.caseType, r.officeId, r.officeLand,
                r.accelerated, r.state.name(), r.rule(), r.dueAt, r.pausedAt, withDetails ? r.data : null,
                r.claimedBy, r.missing, r.outcome, r.reasons, r.conditions, r.answerDetails,
                withDetails ? DocumentEntity.of(r.id).stream().map(DocumentResponse::of).toList() : null,
                r.version, r.requestedAt, r.updatedAt);
    }
}
