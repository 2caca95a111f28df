package de.fallnetz.contracts.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A power of attorney (Vollmacht) for a case was recorded: from now on its holder may act for the applicant within
 * its scope and validity (domain §0 BEVOLLMAECHTIGTER, §5). Published by relocation-handoff.
 *
 * @param powerOfAttorneyId the power of attorney
 * @param caseId the case it is for
 * @param holder the partner organisation acting, e.g. {@code relocation-muster}
 * @param grantor who granted it: {@code applicant}, or the organisation that sub-delegated it
 * @param parentId the power of attorney it was sub-delegated from; null for the applicant's own
 * @param subDelegationAllowed whether the holder may sub-delegate it (within its own scope)
 * @param caseTypes the case types it covers
 * @param acts what the holder may do: {@code FILE}, {@code RECEIVE_DOCUMENTS}, {@code ANSWER}
 * @param validFrom start of validity
 * @param validUntil end of validity (exclusive)
 * @param grantedAt when it was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PowerOfAttorneyGranted(String powerOfAttorneyId, String caseId, String holder, String grantor,
        String parentId, Boolean subDelegationAllowed, List<String> caseTypes, List<String> acts, Instant validFrom,
        Instant validUntil, Instant grantedAt) implements FallnetzEvent {
}
