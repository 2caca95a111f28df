package de.fallnetz.officetransfer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.contracts.events.CaseTransferred;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.interactions.domain.Answer;
import de.fallnetz.interactions.domain.InteractionPolicy;
import de.fallnetz.interactions.domain.InteractionRequestEntity;
import de.fallnetz.interactions.domain.InteractionService;
import de.fallnetz.interactions.domain.InteractionState;

/**
 * The hand-over of a case between immigration offices when the person moves (domain §2.8, §8 #20, #21).
 * <ul>
 * <li>{@code OFFICE_HANDOVER}: case-service re-homed a case ({@code case.transferred}); the receiving office, as the
 * partner organisation named by its office ID, takes it over ({@code ACCEPTED}, or {@code ACCEPTED_FILE_INCOMPLETE}
 * naming the missing parts of the file as conditions) or refuses it ({@code NOT_COMPETENT},
 * {@code RESIDENCE_NOT_ESTABLISHED}, with reasons). No statutory period: a service level in working days, then an
 * escalation. A newer transfer of the same case supersedes an open hand-over.</li>
 * <li>{@code OFFICE_TRANSFER}: the catalogue's file request of an address-change case, answered with the replies
 * XAusländer knows: file sent, not competent, residence not established.</li>
 * </ul>
 */
@ApplicationScoped
public class OfficeTransferPolicy implements InteractionPolicy {

    public static final String HANDOVER = "OFFICE_HANDOVER";
    public static final String FILE_REQUEST = "OFFICE_TRANSFER";

    /** The parts of the file that go with the case: the receiving office checks it got them all. */
    public static final List<String> FILE_PARTS = List.of("timeline", "checklist", "documents", "interactions",
            "decision-letters");

    static final String LEGAL_BASIS = "§71 Abs. 1 AufenthG und Landesrecht (keine gesetzliche Frist)";

    private final OfficeTransferConfig config;
    private final InteractionService interactions;

    public OfficeTransferPolicy(OfficeTransferConfig config, InteractionService interactions) {
        this.config = config;
        this.interactions = interactions;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(HANDOVER, FILE_REQUEST);
    }

    @Override
    public Set<String> outcomes(String kind) {
        return HANDOVER.equals(kind) ? Set.of("ACCEPTED", "ACCEPTED_FILE_INCOMPLETE", "NOT_COMPETENT",
                "RESIDENCE_NOT_ESTABLISHED") : Set.of("FILE_SENT", "NOT_COMPETENT", "RESIDENCE_NOT_ESTABLISHED");
    }

    @Override
    public Set<String> outcomesNeedingReasons() {
        return Set.of("NOT_COMPETENT", "RESIDENCE_NOT_ESTABLISHED", "ACCEPTED_FILE_INCOMPLETE");
    }

    /** A transferred case becomes a hand-over request to the receiving office. */
    @Override
    public Optional<InteractionRequested> requestFrom(FallnetzEvent event) {
        if (!(event instanceof CaseTransferred t) || t.toOfficeId() == null || t.transferredAt() == null) {
            return Optional.empty();
        }
        // The same transfer always gives the same ID: a redelivered event finds its request.
        String id = UUID.nameUUIDFromBytes(("handover|" + t.caseId() + "|" + t.toOfficeId() + "|" + t.transferredAt())
                .getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fromOfficeId", t.fromOfficeId());
        data.put("toOfficeId", t.toOfficeId());
        data.put("reason", t.reason());
        data.put("transferredAt", t.transferredAt().toString());
        data.put("fileParts", FILE_PARTS);
        return Optional.of(new InteractionRequested(id, t.caseId(), "UNKNOWN", t.fromOfficeId(), "DE", HANDOVER,
                t.toOfficeId(), false, new InteractionRequested.Deadline(config.acceptanceWorkingDays(),
                        "WORKING_DAYS", "ESCALATE", LEGAL_BASIS),
                data, t.transferredAt()));
    }

    /** A newer transfer of the case ends the hand-overs still open from an earlier one. */
    @Override
    public Optional<Answer> onRequested(InteractionRequestEntity request, Instant now) {
        if (HANDOVER.equals(request.kind)) {
            List<InteractionRequestEntity> older = InteractionRequestEntity.list(
                    "caseId = ?1 and kind = ?2 and id <> ?3 and state in ?4", request.caseId, HANDOVER, request.id,
                    InteractionState.openStates());
            older.forEach(r -> interactions.cancel(r, "SUPERSEDED_BY_TRANSFER_TO_" + request.partnerOrganisation));
        }
        return Optional.empty();
    }
}
