package de.fallnetz.cases.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue;
import de.fallnetz.cases.catalogue.CaseTypeVersion;
import de.fallnetz.cases.jurisdiction.Jurisdiction;
import de.fallnetz.cases.jurisdiction.Office;
import de.fallnetz.cases.jurisdiction.RoutingResult;
import de.fallnetz.contracts.cases.ApplicantData;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.contracts.cases.TimelineEntry;
import de.fallnetz.contracts.cases.TimelineResponse;
import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/** Opens cases and reads them. The commands on an open case are in {@link CaseLifecycle}. */
@ApplicationScoped
public class CaseService {

    /** Offices work in German local time: a catalogue version valid from a day applies from that day's midnight. */
    public static final ZoneId OFFICE_ZONE = ZoneId.of("Europe/Berlin");

    /** The result of opening a case: {@code created} is false when an idempotent retry found the case it made. */
    public record OpenedCase(CaseResponse response, boolean created) {
    }

    private final CaseEvents events;
    private final ObjectMapper mapper;
    private final CaseTypeCatalogue catalogue;
    private final Jurisdiction jurisdiction;
    private final CaseViews views;
    private final OpenCaseStore store;

    public CaseService(CaseEvents events, ObjectMapper mapper, CaseTypeCatalogue catalogue, Jurisdiction jurisdiction,
            CaseViews views, OpenCaseStore store) {
        this.events = events;
        this.mapper = mapper;
        this.catalogue = catalogue;
        this.jurisdiction = jurisdiction;
        this.views = views;
        this.store = store;
    }

    /**
     * Checks the request against the case type's catalogue version, routes it to the competent office, and stores
     * the case, its checklist, its first timeline entry and the CaseOpened event in one transaction.
     */
    @Transactional
    public OpenedCase open(OpenCaseRequest request, String idempotencyKey) {
        String hash = hash(request);
        if (idempotencyKey != null) {
            // A retry may arrive while the first request is still being processed: it waits here until that one
            // has committed, then finds its case; but not forever, which would park a pooled connection per retry.
            store.lockIdempotencyKey(idempotencyKey);
            Optional<OpenCaseStore.Earlier> earlier = store.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                if (!hash.equals(earlier.get().requestHash())) {
                    throw new ProblemException(Problem.typed("idempotency-key-reused", "Idempotency key reused", 422,
                            "This Idempotency-Key was already used for a different request"));
                }
                // A retry: rare, so the whole case is read as any other read does.
                return new OpenedCase(views.toResponse(CaseEntity.findById(earlier.get().id())), false);
            }
        }
        // Microseconds: what PostgreSQL stores, so the response equals what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CaseTypeVersion type = catalogue.applicable(request.caseType(), LocalDate.ofInstant(now, OFFICE_ZONE))
                .orElseThrow(() -> invalid(422, "unknown-case-type", "Unknown case type", "caseType",
                        "no case type " + request.caseType() + " in the catalogue (GET /case-types)"));
        String openedBy = request.openedBy() != null ? request.openedBy() : CaseTypeVersion.Opener.APPLICANT.name();
        if (type.openedBy().stream().noneMatch(o -> o.name().equals(openedBy))) {
            throw invalid(422, "opener-not-allowed", "Not allowed to open this case type", "openedBy",
                    type.code() + " is opened by " + type.openedBy());
        }
        List<CaseTypeCatalogue.InvalidField> invalidFields = catalogue.validate(type, request.applicationOrEmpty());
        if (!invalidFields.isEmpty()) {
            throw new ProblemException(Problem.typed("invalid-application", "Application data do not fit", 422,
                    "The application data do not fit case type " + type.code() + " v" + type.version())
                    .withInvalidParams(invalidFields.stream()
                            .map(f -> new Problem.InvalidParam(f.name(), f.reason())).toList()));
        }
        RoutingResult routing = route(type, request);
        String officeId = chooseOffice(routing, request.officeId());
        UUID related = request.relatedCaseId() == null ? null : UUID.fromString(request.relatedCaseId());
        if (related != null && !store.exists(related)) {
            throw invalid(422, "unknown-related-case", "Unknown related case", "relatedCaseId",
                    "no case " + related);
        }

        CaseEntity c = new CaseEntity();
        c.id = UUID.randomUUID();
        c.caseType = type.code();
        c.catalogueVersion = type.version();
        c.officeId = officeId;
        c.officeLand = officeId == null ? null : jurisdiction.office(officeId).map(Office::land).orElse(null);
        c.status = officeId == null ? CaseStatus.WAITING_FOR_JURISDICTION : CaseStatus.RECEIVED;
        c.openedAt = now;
        c.statusChangedAt = now;
        ApplicantData a = request.applicant();
        c.familyName = a.familyName().strip();
        c.givenNames = a.givenNames().strip();
        c.dateOfBirth = a.dateOfBirth();
        c.nationality = a.nationality();
        c.preferredLanguage = a.languageOrDefault();
        c.applicantEmail = a.email();
        c.azrNumber = a.azrNumber();
        c.personKey = personKey(a);
        c.relatedCaseId = related;
        c.openedBy = openedBy;
        c.onBehalfOf = request.onBehalfOf();
        c.application = request.applicationOrEmpty();
        c.postalCode = routing.postalCode();
        c.routingReason = routing.reason();
        c.candidateOffices = routing.candidates().stream().map(Office::id).toArray(String[]::new);
        c.idempotencyKey = idempotencyKey;
        c.requestHash = hash;
        // Checklist rows are written when an item is first ticked: a new case has none ticked. The entity is only a
        // carrier here: a plain insert, without Hibernate on the path of every case opened.
        store.insert(c);

        if (officeId != null) {
            announceOpened(c, now);
        } else {
            // Not an event yet: a case belongs to an office before anyone else hears of it.
            events.note(c.id, "de.fallnetz.case.waiting-for-jurisdiction", now, "Received; " + routing.reason());
        }
        return new OpenedCase(views.newCase(c, type), true);
    }

    /** The CaseOpened event, published once the competent office is known. */
    void announceOpened(CaseEntity c, Instant now) {
        events.publish(c.id, new CaseOpened(c.id.toString(), c.caseType, c.officeId, c.preferredLanguage, now,
                c.catalogueVersion, c.routingReason, c.applicantEmail), now);
    }

    private RoutingResult route(CaseTypeVersion type, OpenCaseRequest request) {
        String field = postalCodeField(type);
        Object postalCode = request.applicationOrEmpty().get(field);
        if (postalCode == null) {
            throw invalid(422, "invalid-application", "Application data do not fit", "application." + field,
                    "must be given: it decides the competent office");
        }
        Object hint = request.municipality() != null ? request.municipality()
                : request.applicationOrEmpty().get("municipality");
        return jurisdiction.route(postalCode.toString(), type.code(), type.competence(),
                hint == null ? null : hint.toString(), "application." + field);
    }

    static String postalCodeField(CaseTypeVersion type) {
        return type.competence() == CaseTypeVersion.Competence.PLACE_OF_WORK ? "placeOfWorkPostalCode" : "postalCode";
    }

    private static String chooseOffice(RoutingResult routing, String requested) {
        if (requested == null) {
            return routing.office().map(Office::id).orElse(null);
        }
        if (routing.candidates().stream().noneMatch(o -> o.id().equals(requested))) {
            throw invalid(422, "office-not-competent", "Office not competent", "officeId",
                    requested + " is not competent: " + routing.reason());
        }
        return requested;
    }

    public Optional<CaseResponse> find(UUID caseId) {
        return CaseEntity.<CaseEntity>findByIdOptional(caseId).map(views::toResponse);
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

    public Optional<CaseDocumentEntity> document(UUID caseId, UUID documentId) {
        return CaseDocumentEntity.<CaseDocumentEntity>findByIdOptional(documentId)
                .filter(d -> d.caseId.equals(caseId));
    }

    static ProblemException invalid(int status, String slug, String title, String field, String reason) {
        return new ProblemException(Problem.typed(slug, title, status, field + ": " + reason)
                .withInvalidParams(List.of(new Problem.InvalidParam(field, reason))));
    }

    /** The AZR number where known; otherwise name, birth date and nationality, so one person's cases meet. */
    private static String personKey(ApplicantData a) {
        if (a.azrNumber() != null) {
            return "azr:" + a.azrNumber();
        }
        String identity = a.familyName().strip().toLowerCase(Locale.ROOT) + "|"
                + a.givenNames().strip().toLowerCase(Locale.ROOT) + "|" + a.dateOfBirth() + "|" + a.nationality();
        return "sha256:" + sha256(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 32);
    }

    private String hash(Object request) {
        try {
            return sha256(mapper.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
