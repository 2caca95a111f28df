package de.fallnetz.relocation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.domain.Answer;
import de.fallnetz.interactions.domain.InteractionPolicy;
import de.fallnetz.interactions.domain.InteractionRequestEntity;
import de.fallnetz.interactions.domain.PartnerAct;
import de.fallnetz.relocation.domain.Act;
import de.fallnetz.relocation.domain.PowerOfAttorneyService;

/**
 * The hand-off of a case to whoever acts for the applicant under a power of attorney (the Berlin cooperation model,
 * domain §5): the office asks for documents, the holder answers and uploads them. The catalogue addresses the
 * request to {@code relocation-agency} in general; this service sends it to the holder at the end of the chain in
 * force, and every call of that holder on it needs the power for that act at that moment.
 */
@ApplicationScoped
public class RelocationHandoffPolicy implements InteractionPolicy {

    public static final String KIND = "RELOCATION_HANDOFF";

    /** The answer when nobody holds a power for the case: the office deals with the applicant directly. */
    public static final String NO_POWER_OF_ATTORNEY = "NO_POWER_OF_ATTORNEY";

    private final PowerOfAttorneyService powers;

    public RelocationHandoffPolicy(PowerOfAttorneyService powers) {
        this.powers = powers;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    @Override
    public Set<String> outcomes(String kind) {
        return Set.of("DOCUMENTS_SUBMITTED", "DECLINED");
    }

    @Override
    public Set<String> outcomesNeedingReasons() {
        return Set.of("DECLINED");
    }

    @Override
    public Optional<Answer> onRequested(InteractionRequestEntity request, Instant now) {
        Optional<String> holder = powers.handOffHolder(request.caseId, request.caseType, request.officeId);
        if (holder.isEmpty()) {
            return Optional.of(new Answer(NO_POWER_OF_ATTORNEY, false,
                    "Nobody holds a power of attorney in force for this case and case type", List.of()));
        }
        request.partnerOrganisation = holder.get();
        return Optional.empty();
    }

    @Override
    public boolean mayAct(InteractionRequestEntity request, String organisation, PartnerAct act) {
        return powers.authorises(request.caseId, request.caseType, request.officeId, organisation,
                Act.of(act));
    }
}
