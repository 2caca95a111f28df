package de.fallnetz.cases.jurisdiction;

import java.util.Optional;

import de.fallnetz.cases.catalogue.CaseTypeVersion.Competence;

/**
 * The office register and the routing rule: postal code → district → office, with central offices on top.
 */
public interface Jurisdiction {

    /**
     * Routes a case. Throws a 422 {@code ProblemException} naming {@code field} when the postal code is malformed or
     * unknown.
     *
     * @param postalCode the postal code of residence, or of the place of work (see {@code competence})
     * @param caseType the case type code (central offices take over some types); null for the local office alone
     * @param competence which kind of postal code it is
     * @param municipalityHint the place name, to decide a postal code that spans several districts; may be null
     * @param field the request field the postal code came from, named in a 422
     */
    RoutingResult route(String postalCode, String caseType, Competence competence, String municipalityHint,
            String field);

    Optional<Office> office(String officeId);
}
