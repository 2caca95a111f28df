package de.fallnetz.relocation.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.interactions.domain.InteractionRequestEntity;
import de.fallnetz.interactions.domain.InteractionService;
import de.fallnetz.interactions.domain.InteractionState;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import de.fallnetz.relocation.messaging.PowerOfAttorneyEventPublisher;

/**
 * Powers of attorney and their chains. A power is in force when it and every power above it up to the applicant's
 * own are within their validity, unrevoked, cover the case type and the act, and every power above it allowed
 * sub-delegation. Every partner call on a hand-off asks {@link #authorises} first.
 */
@ApplicationScoped
public class PowerOfAttorneyService {

    /** Why a hand-off ended when its holder lost the power to act. */
    public static final String REVOKED = "POWER_OF_ATTORNEY_REVOKED";

    /** Why a hand-off ended when its holder's power reached the end of its validity. */
    public static final String EXPIRED = "POWER_OF_ATTORNEY_EXPIRED";

    private static final Pattern ORGANISATION = Pattern.compile("^[a-z0-9][a-z0-9-]{1,59}$");
    private static final Pattern CASE_TYPE = Pattern.compile("^[A-Z][A-Z0-9_]{1,59}$");

    private final PowerOfAttorneyEventPublisher events;
    private final InteractionService interactions;
    private final InteractionClock clock;

    public PowerOfAttorneyService(PowerOfAttorneyEventPublisher events, InteractionService interactions,
            InteractionClock clock) {
        this.events = events;
        this.interactions = interactions;
        this.clock = clock;
    }

    /**
     * What a new power says. {@code parentId} null: the applicant grants it; else the holder of the parent
     * sub-delegates it.
     */
    public record Grant(String caseId, String holder, UUID parentId, boolean subDelegationAllowed,
            List<String> caseTypes, List<String> acts, Instant validFrom, Instant validUntil) {
    }

    /** Records a power a clerk of {@code officeId} received; a parent must be one of that office's powers. */
    @Transactional
    public PowerOfAttorneyEntity grant(Grant g, String officeId) {
        if (g.parentId() != null && PowerOfAttorneyEntity.<PowerOfAttorneyEntity>findByIdOptional(g.parentId())
                .filter(p -> p.recordedBy(officeId)).isEmpty()) {
            throw invalid(422, "unknown-power-of-attorney", "parentId",
                    "no power of attorney " + g.parentId() + " for case " + g.caseId());
        }
        return record(g, officeId);
    }

    /** Records a power the office received (the applicant's own, or a sub-delegation shown to it). */
    private PowerOfAttorneyEntity record(Grant g, String officeId) {
        Instant now = clock.instant();
        validate(g, now);
        PowerOfAttorneyEntity parent = null;
        if (g.parentId() != null) {
            parent = PowerOfAttorneyEntity.<PowerOfAttorneyEntity>findByIdOptional(g.parentId())
                    .filter(p -> p.caseId.equals(g.caseId()))
                    .orElseThrow(() -> invalid(422, "unknown-power-of-attorney", "parentId",
                            "no power of attorney " + g.parentId() + " for case " + g.caseId()));
            checkSubDelegation(parent, g, now);
        }
        PowerOfAttorneyEntity p = new PowerOfAttorneyEntity();
        p.id = UUID.randomUUID();
        p.caseId = g.caseId();
        p.holder = g.holder();
        p.grantor = parent == null ? PowerOfAttorneyEntity.APPLICANT : parent.holder;
        p.parentId = g.parentId();
        p.subDelegationAllowed = g.subDelegationAllowed();
        p.caseTypes = List.copyOf(g.caseTypes());
        p.acts = List.copyOf(g.acts());
        p.validFrom = g.validFrom() == null ? now : g.validFrom();
        p.validUntil = g.validUntil();
        p.grantedAt = now;
        p.officeId = officeId;
        p.persist();
        events.granted(p, now);
        PowerOfAttorneyEntity.flush();
        return p;
    }

    /**
     * The holder of {@code parentId} sub-delegates it (e.g. the employer to a relocation agency); only while its own
     * power is in force and allows it. Anyone else's power answers 404.
     */
    @Transactional
    public PowerOfAttorneyEntity subDelegate(UUID parentId, String caller, Grant g) {
        PowerOfAttorneyEntity parent = PowerOfAttorneyEntity.<PowerOfAttorneyEntity>findByIdOptional(parentId)
                .filter(p -> p.holder.equals(caller) && inForce(p, null, null, clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("Power of attorney " + parentId));
        return record(new Grant(parent.caseId, g.holder(), parentId, g.subDelegationAllowed(), g.caseTypes(),
                g.acts(), g.validFrom(), g.validUntil()), parent.officeId);
    }

    /**
     * Ends a power with immediate effect, and with it every power sub-delegated from it; the holders that can no
     * longer act on the case lose their open hand-offs (cancelled, with an event each).
     *
     * @param by {@code APPLICANT} or {@code OFFICE}
     */
    @Transactional
    public PowerOfAttorneyEntity revoke(UUID id, String officeId, String by, String reason) {
        PowerOfAttorneyEntity p = PowerOfAttorneyEntity.<PowerOfAttorneyEntity>findByIdOptional(id)
                .filter(found -> found.recordedBy(officeId))
                .orElseThrow(() -> ProblemException.notFound("Power of attorney " + id));
        if (p.revokedAt != null) {
            return p; // Revoking twice changes nothing.
        }
        Instant now = clock.instant();
        List<PowerOfAttorneyEntity> ended = new ArrayList<>();
        end(p, by, reason, now, ended);
        Deque<PowerOfAttorneyEntity> below = new ArrayDeque<>(PowerOfAttorneyEntity.children(p.id));
        while (!below.isEmpty()) {
            PowerOfAttorneyEntity child = below.pop();
            if (child.revokedAt == null) {
                end(child, "CHAIN", "Power of attorney " + p.id + " above it was revoked: " + reason, now, ended);
            }
            below.addAll(PowerOfAttorneyEntity.children(child.id));
        }
        PowerOfAttorneyEntity.flush();
        cancelHandOffsWithoutPower(p.caseId, ended, REVOKED);
        return p;
    }

    /**
     * The end of a power's validity acts like a revocation at that moment: the powers below it end with it (those not
     * ended before), each with an event, and the holders left without a power lose their open hand-offs. Runs once
     * per power, in the transaction of {@link PowerOfAttorneyExpiry}, which stamps it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void expire(PowerOfAttorneyEntity p, Instant now) {
        List<PowerOfAttorneyEntity> ended = new ArrayList<>();
        p.expiryAppliedAt = now;
        events.expired(p, p.validUntil, "Die Gültigkeit der Vollmacht endete am " + p.validUntil, now);
        ended.add(p);
        Deque<PowerOfAttorneyEntity> below = new ArrayDeque<>(PowerOfAttorneyEntity.children(p.id));
        while (!below.isEmpty()) {
            PowerOfAttorneyEntity child = below.pop();
            if (child.revokedAt == null && child.expiryAppliedAt == null) {
                child.expiryAppliedAt = now;
                events.expired(child, p.validUntil, "Die Vollmacht " + p.id + " darüber ist abgelaufen", now);
                ended.add(child);
            }
            below.addAll(PowerOfAttorneyEntity.children(child.id));
        }
        PowerOfAttorneyEntity.flush();
        cancelHandOffsWithoutPower(p.caseId, ended, EXPIRED);
    }

    /** Cancels the open hand-offs of the case whose holders (of the powers that ended) can no longer receive them. */
    private void cancelHandOffsWithoutPower(String caseId, List<PowerOfAttorneyEntity> ended, String reason) {
        Set<String> holders = new HashSet<>();
        ended.forEach(e -> holders.add(e.holder));
        for (String holder : holders) {
            List<InteractionRequestEntity> open = InteractionRequestEntity.list(
                    "caseId = ?1 and partnerOrganisation = ?2 and state in ?3", caseId, holder,
                    InteractionState.openStates());
            for (InteractionRequestEntity r : open) {
                if (!authorises(r.caseId, r.caseType, r.officeId, holder, Act.RECEIVE_DOCUMENTS)) {
                    interactions.cancel(r, reason);
                }
            }
        }
    }

    /**
     * Whether {@code holder} may do {@code act} now on the case, which is at {@code officeId}: through some power in
     * force that a clerk of that office recorded.
     */
    public boolean authorises(String caseId, String caseType, String officeId, String holder, Act act) {
        Instant now = clock.instant();
        return PowerOfAttorneyEntity.heldBy(caseId, holder).stream()
                .anyMatch(p -> p.recordedBy(officeId) && inForce(p, caseType, act, now));
    }

    /**
     * Who receives a hand-off of the case: of the holders whose power is in force for receiving documents, the one
     * at the end of the longest chain (the agency the employer sub-authorised rather than the employer).
     */
    public Optional<String> handOffHolder(String caseId, String caseType, String officeId) {
        Instant now = clock.instant();
        return PowerOfAttorneyEntity.ofCase(caseId).stream()
                .filter(p -> p.recordedBy(officeId) && inForce(p, caseType, Act.RECEIVE_DOCUMENTS, now))
                .max(Comparator.comparingInt(PowerOfAttorneyService::depth)
                        .thenComparing(p -> p.grantedAt))
                .map(p -> p.holder);
    }

    /** The powers on a case that a clerk of {@code officeId} recorded, for that office. */
    public List<PowerOfAttorneyEntity> ofCase(String caseId, String officeId) {
        return PowerOfAttorneyEntity.ofCase(caseId).stream().filter(p -> p.recordedBy(officeId)).toList();
    }

    /** One power, if a clerk of {@code officeId} recorded it. */
    public Optional<PowerOfAttorneyEntity> find(UUID id, String officeId) {
        return PowerOfAttorneyEntity.<PowerOfAttorneyEntity>findByIdOptional(id).filter(p -> p.recordedBy(officeId));
    }

    /** The powers an organisation holds that are in force now. */
    public List<PowerOfAttorneyEntity> inForceFor(String holder) {
        Instant now = clock.instant();
        return PowerOfAttorneyEntity.<PowerOfAttorneyEntity>list("holder = ?1 and revokedAt is null order by grantedAt",
                holder).stream().filter(p -> inForce(p, null, null, now)).toList();
    }

    /** Whether the power is in force with its whole chain; {@code caseType} and {@code act} null: any. */
    public boolean inForce(PowerOfAttorneyEntity p, String caseType, Act act, Instant now) {
        PowerOfAttorneyEntity link = p;
        Set<UUID> seen = new HashSet<>();
        while (link != null) {
            if (!seen.add(link.id) || !link.activeAt(now) || (act != null && !link.covers(caseType, act))
                    || (act == null && caseType != null && !link.caseTypes.contains(caseType))
                    || (link != p && !link.subDelegationAllowed)) {
                return false;
            }
            if (link.parentId == null) {
                return PowerOfAttorneyEntity.APPLICANT.equals(link.grantor);
            }
            link = PowerOfAttorneyEntity.findById(link.parentId);
        }
        return false;
    }

    private void end(PowerOfAttorneyEntity p, String by, String reason, Instant now,
            List<PowerOfAttorneyEntity> ended) {
        p.revokedAt = now;
        p.revokedBy = by;
        p.revocationReason = reason;
        events.revoked(p, now);
        ended.add(p);
    }

    private static int depth(PowerOfAttorneyEntity p) {
        int depth = 0;
        for (UUID parent = p.parentId; parent != null && depth < 32; depth++) {
            PowerOfAttorneyEntity up = PowerOfAttorneyEntity.findById(parent);
            parent = up == null ? null : up.parentId;
        }
        return depth;
    }

    /** A sub-delegation stays inside its parent: in force, allowed, no wider scope, no longer validity. */
    private void checkSubDelegation(PowerOfAttorneyEntity parent, Grant g, Instant now) {
        if (!inForce(parent, null, null, now)) {
            throw invalid(422, "power-of-attorney-not-in-force", "parentId",
                    "power of attorney " + parent.id + " is revoked, expired or not yet valid");
        }
        if (!parent.subDelegationAllowed) {
            throw invalid(422, "sub-delegation-not-allowed", "parentId",
                    "power of attorney " + parent.id + " does not allow sub-delegation");
        }
        if (!parent.caseTypes.containsAll(g.caseTypes())) {
            throw invalid(422, "scope-exceeds-parent", "caseTypes", "must be within " + parent.caseTypes);
        }
        if (!parent.acts.containsAll(g.acts())) {
            throw invalid(422, "scope-exceeds-parent", "acts", "must be within " + parent.acts);
        }
        Instant from = g.validFrom() == null ? now : g.validFrom();
        if (from.isBefore(parent.validFrom) || g.validUntil().isAfter(parent.validUntil)) {
            throw invalid(422, "validity-exceeds-parent", "validUntil",
                    "must lie within " + parent.validFrom + " to " + parent.validUntil);
        }
        for (PowerOfAttorneyEntity up = parent; up != null;
                up = up.parentId == null ? null : PowerOfAttorneyEntity.findById(up.parentId)) {
            if (up.holder.equals(g.holder())) {
                throw invalid(422, "circular-delegation", "holder",
                        g.holder() + " already holds a power in this chain");
            }
        }
    }

    private static void validate(Grant g, Instant now) {
        if (g.caseId() == null || !isUuid(g.caseId())) {
            throw invalid(400, "invalid-request", "caseId", "must be a case ID (UUID)");
        }
        if (g.holder() == null || !ORGANISATION.matcher(g.holder()).matches()) {
            throw invalid(400, "invalid-request", "holder", "must be a partner organisation ID such as relocation-muster");
        }
        if (g.caseTypes() == null || g.caseTypes().isEmpty()
                || !g.caseTypes().stream().allMatch(t -> t != null && CASE_TYPE.matcher(t).matches())) {
            throw invalid(400, "invalid-request", "caseTypes", "must name at least one case type code");
        }
        Set<String> acts = new HashSet<>();
        for (Act a : Act.values()) {
            acts.add(a.name());
        }
        if (g.acts() == null || g.acts().isEmpty() || !acts.containsAll(g.acts())) {
            throw invalid(400, "invalid-request", "acts", "must be some of " + List.of(Act.values()));
        }
        Instant from = g.validFrom() == null ? now : g.validFrom();
        if (g.validUntil() == null || !g.validUntil().isAfter(from)) {
            throw invalid(400, "invalid-request", "validUntil", "must be after validFrom");
        }
        if (!g.validUntil().isAfter(now)) {
            throw invalid(422, "power-of-attorney-expired", "validUntil", "must be in the future");
        }
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static ProblemException invalid(int status, String slug, String param, String reason) {
        return new ProblemException(Problem.typed(slug, status == 400 ? "Invalid request" : "Unprocessable power of"
                + " attorney", status, param + " " + reason)
                .withInvalidParams(List.of(new Problem.InvalidParam(param, reason))));
    }
}
