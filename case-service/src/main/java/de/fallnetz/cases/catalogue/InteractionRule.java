package de.fallnetz.cases.catalogue;

import java.util.List;

import de.fallnetz.contracts.events.InteractionRequested;

/**
 * A partner interaction a case type may need.
 *
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}; one interaction service answers each kind
 * @param partnerOrganisation the partner organisation addressed, e.g. {@code ba-zav}
 * @param when the condition under which the interaction is needed
 * @param deadline the deadline rule and the effect of silence (domain §8)
 * @param dataFields the case data the partner may see: application field names and {@code applicant.*} fields
 * @param legalBasis the legal basis of the interaction
 * @param domainReference where the facts come from, e.g. {@code domain §8 #1}
 * @param bindingRefusal whether a refusal binds the office (the case then proposes refusal)
 */
public record InteractionRule(String kind, String partnerOrganisation, Condition when,
        InteractionRequested.Deadline deadline, List<String> dataFields, String legalBasis, String domainReference,
        boolean bindingRefusal) {
}
