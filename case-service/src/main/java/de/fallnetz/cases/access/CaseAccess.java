package de.fallnetz.cases.access;

import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import de.fallnetz.cases.domain.CaseEntity;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * Need-to-know, from the caller's verified internal token: a clerk or team lead works the cases of their own office
 * ({@code office_id}); a case of another office does not exist for them (404, not 403, so that case IDs cannot be
 * probed). A case still waiting for its office to be chosen belongs to each of its candidate offices.
 */
@RequestScoped
public class CaseAccess {

    private final JsonWebToken token;

    public CaseAccess(JsonWebToken token) {
        this.token = token;
    }

    /** The caller's office; a token without one reaches no case. */
    public String officeId() {
        Object office = token.getClaim("office_id");
        return office == null ? null : office.toString();
    }

    /** 404 unless the case exists and belongs to the caller's office. */
    public void requireCase(UUID caseId) {
        CaseEntity c = CaseEntity.findById(caseId);
        if (c == null || !mayWork(c.officeId, c.candidateOffices)) {
            throw ProblemException.notFound("Case " + caseId);
        }
    }

    public boolean mayWork(String caseOffice, String[] candidates) {
        String own = officeId();
        if (own == null) {
            return false;
        }
        if (caseOffice != null) {
            return caseOffice.equals(own);
        }
        return candidates != null && Arrays.asList(candidates).contains(own);
    }

    /** An office's worklist is for its own clerks and team lead only. */
    public void requireOffice(String officeId) {
        if (!officeId.equals(officeId())) {
            throw new ProblemException(Problem.typed("forbidden", "Forbidden", 403,
                    "The worklist of another office is not open to the caller"));
        }
    }

    /**
     * An Idempotency-Key in the caller's own space: two callers using the same key never meet, and one cannot learn
     * of another's request by replaying its key.
     */
    public String scoped(String idempotencyKey) {
        return idempotencyKey == null ? null : token.getSubject() + ":" + idempotencyKey;
    }
}
