package de.fallnetz.interactions.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import de.fallnetz.contracts.events.InformationSupplied;
import de.fallnetz.contracts.events.InteractionCancelled;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.interactions.deadline.DeadlineCalculator;
import de.fallnetz.interactions.deadline.DeadlineEntity;
import de.fallnetz.interactions.deadline.DeadlineEntity.Timer;
import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.interactions.messaging.InteractionEventPublisher;
import de.fallnetz.interactions.partners.PartnerDirectory;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * The state machine of interaction requests. Each change writes its event to the outbox in the same transaction;
 * where a partner differs, its {@link InteractionPolicy} decides.
 */
@ApplicationScoped
public class InteractionService {

    private static final Logger LOG = Logger.getLogger(InteractionService.class);

    private final InteractionPolicies policies;
    private final InteractionEventPublisher events;
    private final DeadlineCalculator calculator;
    private final InteractionClock clock;
    private final PartnerDirectory directory;
    private final InteractionMetrics metrics;

    public InteractionService(InteractionPolicies policies, InteractionEventPublisher events,
            DeadlineCalculator calculator, InteractionClock clock, PartnerDirectory directory,
            InteractionMetrics metrics) {
        this.directory = directory;
        this.metrics = metrics;
        this.policies = policies;
        this.events = events;
        this.calculator = calculator;
        this.clock = clock;
    }

    /** Whether one of this service's policies handles interactions of {@code kind}. */
    public boolean handles(String kind) {
        return policies.forKind(kind).isPresent();
    }

    /** Takes a request of one of this service's kinds, answers it at once if its policy says so, else delivers it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void request(InteractionRequested e) {
        Optional<InteractionPolicy> found = policies.forKind(e.kind());
        if (found.isEmpty() || InteractionRequestEntity.findById(e.interactionId()) != null) {
            return;
        }
        InteractionPolicy policy = found.get();
        Instant now = clock.instant();
        InteractionRequestEntity r = new InteractionRequestEntity();
        r.id = e.interactionId();
        r.caseId = e.caseId();
        r.caseType = e.caseType();
        r.kind = e.kind();
        // The catalogue names an addressee in general; the directory knows who is responsible for this office.
        r.partnerOrganisation = directory.responsible(e.kind(), e.officeId(), e.officeLand(), e.partnerOrganisation())
                .orElse(e.partnerOrganisation());
        r.officeId = e.officeId();
        r.officeLand = e.officeLand();
        r.accelerated = e.accelerated();
        r.data = e.data() == null ? Map.of() : e.data();
        r.state = InteractionState.REQUESTED;
        r.requestedAt = now;
        r.updatedAt = now;
        DeadlineRule rule = policy.deadline(r, DeadlineRule.of(e.deadline()));
        r.deadlineAmount = rule.amount();
        r.deadlineUnit = rule.unit();
        r.deadlineSilence = rule.silence();
        r.legalBasis = rule.legalBasis();
        r.persist();
        Optional<Answer> immediate = policy.onRequested(r, now);
        if (immediate.isPresent()) {
            applyAnswer(r, immediate.get(), now);
            return;
        }
        r.moveTo(InteractionState.DELIVERED, now);
        r.dueAt = calculator.dueAt(rule, now, r.officeLand);
        if (r.dueAt != null) {
            DeadlineEntity.schedule(r.id, Timer.DUE, r.dueAt);
        }
        policy.onDelivered(r, now);
        events.delivered(r, now);
    }

    /** The office supplied what the partner asked for: the clock resumes with the time that was left. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void supplied(InformationSupplied e) {
        InteractionRequestEntity r = InteractionRequestEntity.findById(e.interactionId());
        if (r == null || r.state != InteractionState.INFORMATION_REQUESTED) {
            LOG.debugf("Information for %s ignored: not waiting for information", e.interactionId());
            return;
        }
        Instant now = clock.instant();
        Map<String, Object> data = new HashMap<>(r.data);
        if (e.data() != null) {
            data.putAll(e.data());
        }
        r.data = data;
        r.moveTo(r.claimedBy == null ? InteractionState.DELIVERED : InteractionState.CLAIMED, now);
        if (r.remainingSeconds != null) {
            r.dueAt = now.plus(r.remaining());
            DeadlineEntity.schedule(r.id, Timer.DUE, r.dueAt);
        }
        r.pausedAt = null;
        r.remainingSeconds = null;
        r.missing = null;
        // The request is back in the partner's inbox with its new due date.
        events.delivered(r, now);
    }

    /** The case no longer needs the interaction (withdrawn or transferred). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelled(InteractionCancelled e) {
        InteractionRequestEntity r = InteractionRequestEntity.findById(e.interactionId());
        if (r == null || !r.state.canMoveTo(InteractionState.CANCELLED)) {
            LOG.infof("Cancellation of %s ignored: %s", e.interactionId(), r == null ? "unknown" : r.state);
            return;
        }
        Instant now = clock.instant();
        r.moveTo(InteractionState.CANCELLED, now);
        DeadlineEntity.cancel(r.id, Timer.values());
        events.cancellationConfirmed(r, e.reason(), now);
    }

    /** A partner user takes the request. */
    @Transactional
    public InteractionRequestEntity claim(String id, String organisation, String user, long expectedVersion) {
        InteractionRequestEntity r = forPartner(id, organisation, PartnerAct.ANSWER, expectedVersion);
        Instant now = clock.instant();
        r.moveTo(InteractionState.CLAIMED, now);
        r.claimedBy = user;
        events.claimed(r, now);
        return flushed(r);
    }

    /** The partner says information is missing: the clock stops until the office supplies it. */
    @Transactional
    public InteractionRequestEntity requestInformation(String id, String organisation, String missing,
            long expectedVersion) {
        InteractionRequestEntity r = forPartner(id, organisation, PartnerAct.ANSWER, expectedVersion);
        Instant now = clock.instant();
        r.moveTo(InteractionState.INFORMATION_REQUESTED, now);
        r.missing = missing;
        r.pausedAt = now;
        if (r.dueAt != null) {
            r.remainingSeconds = Math.max(0, Duration.between(now, r.dueAt).getSeconds());
            r.dueAt = null;
        }
        DeadlineEntity.cancel(r.id, Timer.DUE, Timer.REMINDER);
        events.informationRequested(r, now);
        return flushed(r);
    }

    /**
     * The partner answers with an answer its kind's schema accepted; the policy of the kind checks the outcome again
     * and may draw conditions or reasons for the event from the answer's details.
     */
    @Transactional
    public InteractionRequestEntity answer(String id, String organisation, String outcome, String reasons,
            List<String> conditions, Map<String, Object> answerDetails, long expectedVersion) {
        InteractionRequestEntity r = forPartner(id, organisation, PartnerAct.ANSWER, expectedVersion);
        InteractionPolicy policy = policies.of(r);
        validate(r, policy, outcome, reasons);
        Map<String, Object> details = answerDetails == null ? Map.of() : answerDetails;
        Answer answer = policy.answer(r, new Answer(outcome, policy.binding(r, outcome), reasons,
                conditions == null ? List.of() : conditions), details);
        r.answerDetails = details.isEmpty() ? null : details;
        applyAnswer(r, answer, clock.instant());
        return flushed(r);
    }

    /** The partner added a document: the request's version moves on. */
    @Transactional
    public InteractionRequestEntity touch(String id, String organisation, long expectedVersion) {
        InteractionRequestEntity r = forPartner(id, organisation, PartnerAct.FILE, expectedVersion);
        if (!r.state.open()) {
            throw new ProblemException(Problem.typed("request-closed", "Conflict", 409,
                    "Request " + id + " is " + r.state + " and takes no more documents"));
        }
        r.updatedAt = clock.instant();
        InteractionRequestEntity.getEntityManager().lock(r,
                jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        return flushed(r);
    }

    /** Applies a fired timer; runs in the scheduler's transaction, which stamps the timer as fired. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fire(DeadlineEntity timer) {
        InteractionRequestEntity r = InteractionRequestEntity.findById(timer.interactionId);
        Instant now = clock.instant();
        InteractionPolicy policy = policies.of(r);
        switch (timer.timer) {
            case DUE -> {
                String silence = policy.silence(r);
                if ("DEEMED_GRANTED".equals(silence) || "NO_OBJECTION".equals(silence)) {
                    r.moveTo(InteractionState.DEEMED_GRANTED, now);
                    r.outcome = silence;
                    DeadlineEntity.cancel(r.id, Timer.REMINDER);
                    events.deemedGranted(r, timer.fireAt, now);
                } else if ("ESCALATE".equals(silence)) {
                    r.moveTo(InteractionState.ESCALATED, now);
                    events.escalated(r, "The deadline (" + r.deadlineAmount + " " + r.deadlineUnit
                            + ") passed without an answer", timer.fireAt, now);
                }
            }
            case REMINDER -> policy.reminder(r).ifPresent(reason -> events.escalated(r, reason, null, now));
            case EXPIRY -> {
                r.moveTo(InteractionState.EXPIRED, now);
                events.expired(r, policy.expiryReason(r), now);
            }
        }
    }

    private void applyAnswer(InteractionRequestEntity r, Answer answer, Instant now) {
        r.moveTo(InteractionState.ANSWERED, now);
        r.outcome = answer.outcome();
        r.binding = answer.binding();
        r.reasons = answer.reasons();
        r.conditions = answer.conditions();
        r.dueAt = null;
        r.pausedAt = null;
        r.remainingSeconds = null;
        DeadlineEntity.cancel(r.id, Timer.DUE, Timer.REMINDER);
        events.answered(r, now);
        metrics.answered(r, now);
        policies.of(r).onAnswered(r, now);
    }

    private static void validate(InteractionRequestEntity r, InteractionPolicy policy, String outcome,
            String reasons) {
        if (outcome == null || !policy.outcomes(r.kind).contains(outcome)) {
            throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                    "A " + r.kind + " answer has one of the outcomes " + policy.outcomes(r.kind))
                    .withInvalidParams(List.of(new Problem.InvalidParam("outcome", "must be one of "
                            + policy.outcomes(r.kind)))));
        }
        if (policy.outcomesNeedingReasons().contains(outcome) && (reasons == null || reasons.isBlank())) {
            throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                    "An answer " + outcome + " needs reasons")
                    .withInvalidParams(List.of(new Problem.InvalidParam("reasons", "must not be blank for "
                            + outcome))));
        }
    }

    /** The request if it is addressed to {@code organisation} (else 404, never 403) and has the expected version. */
    InteractionRequestEntity forPartner(String id, String organisation, PartnerAct act, long expectedVersion) {
        InteractionRequestEntity r = find(id, organisation, act)
                .orElseThrow(() -> ProblemException.notFound("Request " + id));
        if (r.version != expectedVersion) {
            throw new ProblemException(Problem.typed("version-mismatch", "Precondition Failed", 412,
                    "Request " + id + " is at version " + r.version + ", not " + expectedVersion
                            + ": fetch it again"));
        }
        return r;
    }

    public Optional<InteractionRequestEntity> find(String id, String organisation) {
        return find(id, organisation, PartnerAct.READ);
    }

    /** The request if it is addressed to {@code organisation} and its policy lets the organisation do {@code act}. */
    public Optional<InteractionRequestEntity> find(String id, String organisation, PartnerAct act) {
        return InteractionRequestEntity.<InteractionRequestEntity>findByIdOptional(id)
                .filter(r -> r.partnerOrganisation.equals(organisation) && r.state != InteractionState.REQUESTED)
                .filter(r -> mayAct(r, organisation, act));
    }

    /** Whether the policy of the request's kind lets {@code organisation} do {@code act} on it now. */
    public boolean mayAct(InteractionRequestEntity r, String organisation, PartnerAct act) {
        return policies.forKind(r.kind).map(p -> p.mayAct(r, organisation, act)).orElse(false);
    }

    /**
     * Cancels a request on this service's own account (a power of attorney was revoked, a newer transfer replaced
     * the request): the same state change and confirmation as a cancellation the case service asked for.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(InteractionRequestEntity r, String reason) {
        if (!r.state.canMoveTo(InteractionState.CANCELLED)) {
            return;
        }
        Instant now = clock.instant();
        r.moveTo(InteractionState.CANCELLED, now);
        DeadlineEntity.cancel(r.id, Timer.values());
        events.cancellationConfirmed(r, reason, now);
    }

    private static InteractionRequestEntity flushed(InteractionRequestEntity r) {
        InteractionRequestEntity.flush();
        return r;
    }
}
